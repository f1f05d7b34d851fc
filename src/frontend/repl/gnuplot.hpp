// gnuplot.hpp — a plot to PNG through gnuplot, when gnuplot is installed.
#pragma once

#include <optional>
#include <string>

#include "frontend/repl/plot.hpp"

namespace nabla::repl {

// Writes the samples (x, f, f') and a gnuplot script into a new temporary directory, runs
// gnuplot on it (jit::run: its own process group, stopped on a cancel request) and returns the PNG's path; nothing when gnuplot is not on PATH. Throws
// nabla::Error, naming the log file, when gnuplot fails.
std::optional<std::string> gnuplot_png(const Samples& samples, const std::string& f_title,
                                       const std::string& df_title);

}  // namespace nabla::repl

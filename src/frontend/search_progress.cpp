// search_progress.cpp — trace rows and the redrawn progress line.
#include "frontend/search_progress.hpp"

#include <fmt/format.h>

#include <iostream>
#include <unistd.h>

namespace nabla::frontend {
namespace {

constexpr auto first_draw = std::chrono::milliseconds(300);  // short searches show no line
constexpr auto redraw = std::chrono::milliseconds(100);
constexpr const char* erase = "\r\033[K";                  // to the line's start, clear it

}  // namespace

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

SearchProgress::SearchProgress(const std::string& trace, const std::vector<core::Expr>& vars, bool progress_line)
    : progress_line_(progress_line), start_(std::chrono::steady_clock::now()) {
    if (trace.empty()) return;
    trace_.emplace(trace, "trace file");
    std::string header = "iteration,objective,gradient_norm,step";
    for (const core::Expr& v : vars) header += "," + v.name();
    trace_->write(header + "\n");
}

SearchProgress::~SearchProgress() { erase_line(); }

opt::Observer SearchProgress::observer() {
    if (!trace_ && !progress_line_) return {};
    return [this](const opt::Iterate& it) { see(it); };
}

void SearchProgress::see(const opt::Iterate& it) {
    if (trace_) {
        std::string row = fmt::format("{},{},{},{}", it.iteration, it.value, it.gradient_norm, it.step);
        for (const double v : it.x) row += fmt::format(",{}", v);
        trace_->write(row + "\n");
    }
    if (!progress_line_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - start_ < first_draw || (line_shown_ && now - last_drawn_ < redraw)) return;
    std::cerr << fmt::format("{}iteration {}  objective {:.6g}  gradient norm {:.3g}  step {:.3g}", erase, it.iteration,
                             it.value, it.gradient_norm, it.step)
              << std::flush;
    line_shown_ = true;
    last_drawn_ = now;
}

void SearchProgress::erase_line() {
    if (!line_shown_) return;
    std::cerr << erase << std::flush;
    line_shown_ = false;
}

void SearchProgress::finish() {
    erase_line();
    if (trace_) trace_->close();
}

}  // namespace nabla::frontend

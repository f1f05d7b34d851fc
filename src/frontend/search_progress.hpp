// search_progress.hpp — what a long search shows while it runs: `--trace FILE.csv` with one
// row per iteration, and on a terminal a progress line on stderr.
#pragma once

#include "core/expr.hpp"
#include "frontend/io.hpp"
#include "opt/minimize.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace nabla::frontend {

class SearchProgress {
public:
    // `trace` is a file name (empty: no trace), opened here so a bad path fails before the
    // search. With `progress_line`, an iteration line is drawn on stderr at most ten times a
    // second once the search has run for a moment.
    SearchProgress(const std::string& trace, const std::vector<core::Expr>& vars, bool progress_line);
    ~SearchProgress();
    SearchProgress(const SearchProgress&) = delete;
    SearchProgress& operator=(const SearchProgress&) = delete;

    // The observer to give the search; empty when there is nothing to show.
    opt::Observer observer();
    // Erases the progress line and completes the trace; throws nabla::Error when writing the
    // trace failed.
    void finish();

private:
    void see(const opt::Iterate& it);
    void erase_line();

    std::optional<OutputFile> trace_;
    bool progress_line_;
    bool line_shown_ = false;
    std::chrono::steady_clock::time_point start_, last_drawn_;
};

// True when stderr is a terminal, where a progress line can be redrawn in place.
bool stderr_is_terminal();

}  // namespace nabla::frontend

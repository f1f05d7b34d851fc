// plot.hpp — a function of one variable and its derivative, sampled and drawn in the terminal.
#pragma once

#include <string>
#include <vector>

#include "core/expr.hpp"
#include "frontend/repl/style.hpp"

namespace nabla::repl {

struct Samples {
    std::vector<double> x, f, df;  // NaN where a value is undefined or not finite
};

// n >= 2 evenly spaced samples of f and df/dx on [lo, hi]. `x` must be the only symbol.
Samples sample(const core::Expr& f, const core::Expr& df, const core::Expr& x, double lo, double hi,
               std::size_t n);

// Two panels, f above f', each with its value range on the left and the x range below:
// braille when style.unicode, ASCII otherwise.
std::string draw_plot(const core::Expr& f, const core::Expr& df, const core::Expr& x, double lo, double hi,
                      const Style& style);

}  // namespace nabla::repl

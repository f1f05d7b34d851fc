// print.hpp — expressions to text: infix (re-parseable), LaTeX and JSON.
#pragma once

#include "core/expr.hpp"

#include <string>

namespace nabla::print {

// Infix in the expression language with minimal parentheses; parse(infix(e)) == e.
std::string infix(const core::Expr& e);

// LaTeX math-mode source: \frac, \sqrt, \sin, proper exponents and products.
std::string latex(const core::Expr& e);

// The expression tree as JSON text: {"add": [...]}, {"num": "3/2"}, {"sym": "x"}, ...
std::string json_tree(const core::Expr& e);

}  // namespace nabla::print

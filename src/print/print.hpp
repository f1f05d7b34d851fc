// print.hpp — expressions to text: infix (re-parseable), LaTeX and JSON.
#pragma once

#include "core/expr.hpp"

#include <string>
#include <string_view>

namespace nabla::print {

// How a symbol name prints: itself, or without the '#' of a placeholder (see infix()).
inline std::string_view symbol_text(std::string_view name) {
    return name.starts_with('#') ? name.substr(1) : name;
}

// Infix in the expression language with minimal parentheses; parse(infix(e)) == e.
// A symbol whose name begins with '#' (which no identifier can) prints verbatim without the
// '#': the step-by-step printer uses such symbols for "d/dx[u]" placeholders.
std::string infix(const core::Expr& e);

// LaTeX math-mode source: \frac, \sqrt, \sin, proper exponents and products.
std::string latex(const core::Expr& e);

// The expression as a JSON DAG, children before parents, each node once:
// {"nodes": [{"op": "sym", "name": "x"}, {"op": "num", "value": "3/2"},
//            {"op": "mul", "args": [1, 0]}], "root": 2}.
// Ops: num, sym, const (pi, e), add, mul, pow, call (with "fn").
std::string json_tree(const core::Expr& e);

}  // namespace nabla::print

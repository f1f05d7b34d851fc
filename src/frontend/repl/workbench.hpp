// workbench.hpp — subs, series, taylor and critical: exploring a function in the REPL.
//
//   subs(f, x = 1, y = t)       f with values (any expressions) put in for variables
//   series(f, x = a, n)         the Taylor polynomial in x about a (x alone: about 0) of
//                               order n (5 if not given), exact coefficients
//   taylor(f, x = a, y = b, n)  the same in several variables, order 2 if not given:
//                               f(a) + grad.(x - a) + (x - a).H.(x - a)/2
//   critical(f [, [x, y]])      stationary points found by Newton's method from many starts,
//                               each classified by the Hessian's eigenvalues
// The first three are expressions and may appear inside others; critical is a statement.
#pragma once

#include <string>
#include <string_view>

#include "core/expr.hpp"
#include "frontend/repl/operations.hpp"

namespace nabla::repl {

// subs, series or taylor: true for the names, which the REPL reserves.
bool is_workbench_function(std::string_view name);

// The value of subs(...), series(...) or taylor(...) written at byte `at`.
core::Expr workbench_value(std::string_view name, std::size_t at, Arguments args, const Scope& scope);

// The report of critical(...): one line per point found.
std::string critical_report(std::size_t at, Arguments args, const Scope& scope);

}  // namespace nabla::repl

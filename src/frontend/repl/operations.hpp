// operations.hpp — diff, grad, hessian, jacobian, eval, steps and minimize on arguments written in
// the REPL.
//
// The arguments are parse trees of the statement: diff(EXPR, x, y), diff(EXPR, x, 3) (third
// derivative), grad(EXPR, [y, x]), jacobian([F, G], [x, y]), eval(EXPR, x = 1, y = 2/3).
// Without variables the order is the parameters' of a function given by name (grad(f) for
// f(x, y)), else every symbol, naturally sorted, as on the command line. The work is done by
// the same library calls as the CLI's (frontend::compute, opt::minimize), and results come back
// as frontend::Response for frontend::render. `at` is the byte where the operation is named,
// for errors that belong to no argument.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/expr.hpp"
#include "frontend/repl/expand.hpp"
#include "frontend/request.hpp"

namespace nabla::repl {

using Arguments = std::span<const ast::Argument>;

frontend::Response run_operation(frontend::Operation op, std::size_t at, Arguments args, const Scope& scope);

// The value of a diff(...) call written inside an expression.
core::Expr derivative_of(std::size_t at, Arguments args, const Scope& scope);

// The step-by-step derivation of diff(args), as text.
std::string derivation_steps(std::size_t at, Arguments args, const Scope& scope);

// A number given as an expression without symbols (-3, pi, 2*pi/3).
double number_of(const ast::Sum& expression, const Scope& scope);

// The minimum of EXPR found from a point: args are EXPR, then values like x = 1 (the variables
// not given start at 0), then optionally the method (gd, newton or lbfgs; L-BFGS by default).
// Tolerance and iteration limit are the CLI's defaults.
struct Minimum {
    frontend::Response value;  // the minimum value, to be numbered
    std::string report;        // where it is and how the search ended
};
Minimum minimize(std::size_t at, Arguments args, const Scope& scope);

}  // namespace nabla::repl

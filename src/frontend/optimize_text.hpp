// optimize_text.hpp — an optimisation's starting point read and its result written out for
// reading (nabla optimize, nabla fit, the REPL's :minimize).
#pragma once

#include "core/expr.hpp"
#include "opt/fit_statistics.hpp"
#include "opt/minimize.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace nabla::frontend {

// "x, y": the variables' names.
std::string joined_names(const std::vector<core::Expr>& vars);

// The place of the variable `name` among vars, for a starting point's name=value. Throws
// nabla::Error "'z' is not one of the variables (x, y)" when it is none of them.
std::size_t variable_index(const std::vector<core::Expr>& vars, std::string_view name);

// "  x = 1\n  y = -2\n": one line per variable, 12 significant digits.
std::string point_text(const std::vector<core::Expr>& vars, const Eigen::VectorXd& x);

// "converged: gradient norm 8.25e-11 <= 1e-08 (lbfgs, 42 iterations, 53 evaluations)\n", or
// "not converged: " and the reason.
std::string outcome_text(const opt::SearchResult& r, std::string_view method);

// A fit's summary line ("fit to 14 rows: sum of squared residuals ..., residual standard
// deviation ... (12 degrees of freedom), R^2 ...") and one line per parameter with its
// standard error and t-value.
std::string fit_text(const std::vector<core::Expr>& params, const Eigen::VectorXd& p, const opt::FitStatistics& s);

// The parameters --fix held, one line each: "  k = 0.7 (fixed)".
std::string fixed_text(const std::vector<core::Expr>& fixed, const Eigen::VectorXd& values);

}  // namespace nabla::frontend

// row_values.hpp — an expression over a table's columns evaluated on every row: a fit's target
// (`log(y)`) and its weights (`w`, or from standard deviations `s`).
#pragma once

#include "core/expr.hpp"
#include "opt/data.hpp"

#include <Eigen/Dense>

#include <string>

namespace nabla::opt {

// The value of `e` at each row, its symbols read from the columns of the same names. `what`
// names the expression in errors ("the target"): a symbol that is not a column is a
// nabla::Error, a row where e is undefined or not finite a nabla::DomainError naming the row.
Eigen::VectorXd row_values(const core::Expr& e, const Table& data, const std::string& what);

}  // namespace nabla::opt

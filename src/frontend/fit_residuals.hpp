// fit_residuals.hpp — `nabla fit --residuals FILE.csv`: the fit row by row.
#pragma once

#include "opt/data.hpp"
#include "opt/fit.hpp"

#include <Eigen/Dense>

#include <string>

namespace nabla::frontend {

// CSV with a header line and one line per data row: the columns the model reads, then
// `observed` (the target), `fitted` (the model at p), `residual` (observed - fitted) and, when
// the fit is weighted, `weight`. Numbers are written in the shortest form that reads back exactly.
std::string residuals_csv(const opt::LeastSquares& f, const opt::Table& data, const Eigen::VectorXd& p);

}  // namespace nabla::frontend

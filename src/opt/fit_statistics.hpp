// fit_statistics.hpp — what a least-squares fit tells about its parameters: the covariance
// from the Jacobian at the solution, standard errors, t-values, and how well the model fits.
#pragma once

#include "opt/fit.hpp"

#include <Eigen/Dense>

namespace nabla::opt {

struct FitStatistics {
    std::size_t rows = 0;
    bool weighted = false;               // the sums below are weighted
    std::size_t degrees_of_freedom = 0;  // rows - parameters
    double sum_squared_residuals = 0;        // weighted: sum w (model - target)^2
    double residual_standard_deviation = 0;  // sqrt(SSR / degrees of freedom); NaN with none
    double r_squared = 0;                    // 1 - SSR / total sum of squares about the mean,
                                             // both weighted (about the weighted mean)
    Eigen::Index rank = 0;                   // of the Jacobian; below the parameter count, some
                                             // combination of parameters is not determined
    Eigen::MatrixXd covariance;              // s^2 (J^T J)^-1; infinite where not determined
    Eigen::VectorXd standard_errors;         // square roots of the covariance's diagonal
    Eigen::VectorXd t_values;                // parameter / standard error
};

// The statistics of f's fit at the parameters p (normally its minimiser).
FitStatistics fit_statistics(const LeastSquares& f, const Eigen::VectorXd& p);

}  // namespace nabla::opt

// fit_statistics.cpp — covariance through the singular value decomposition of the Jacobian, so
// that a rank-deficient fit is recognised instead of inverting a singular J^T J.
#include "opt/fit_statistics.hpp"

#include <cmath>
#include <limits>

namespace nabla::opt {

FitStatistics fit_statistics(const LeastSquares& f, const Eigen::VectorXd& p) {
    FitStatistics s;
    const Eigen::VectorXd r = f.residuals(p);
    Eigen::MatrixXd jacobian;
    f.jacobian(p, jacobian);
    const Eigen::Index n = jacobian.cols();
    s.rows = f.rows();
    s.weighted = f.weighted();
    s.degrees_of_freedom = f.rows() > static_cast<std::size_t>(n) ? f.rows() - static_cast<std::size_t>(n) : 0;
    s.sum_squared_residuals = r.squaredNorm();
    const double variance = s.degrees_of_freedom > 0
                                ? s.sum_squared_residuals / static_cast<double>(s.degrees_of_freedom)
                                : std::numeric_limits<double>::quiet_NaN();
    s.residual_standard_deviation = std::sqrt(variance);
    // About the weighted mean, with the same weights as the residuals.
    const Eigen::VectorXd& y = f.targets();
    const Eigen::VectorXd& w = f.weights();
    const double mean = w.dot(y) / w.sum();
    const double total = w.dot((y.array() - mean).square().matrix());
    s.r_squared = total > 0 ? 1 - s.sum_squared_residuals / total : std::numeric_limits<double>::quiet_NaN();

    const Eigen::JacobiSVD<Eigen::MatrixXd> svd(jacobian, Eigen::ComputeThinV);
    const Eigen::VectorXd& sigma = svd.singularValues();
    const double cutoff = sigma.size() > 0 ? sigma[0] * static_cast<double>(std::max(jacobian.rows(), n))
                                                 * std::numeric_limits<double>::epsilon()
                                           : 0;
    s.rank = (sigma.array() > cutoff).count();
    const Eigen::MatrixXd& v = svd.matrixV();
    s.covariance = Eigen::MatrixXd::Zero(n, n);
    for (Eigen::Index k = 0; k < sigma.size(); ++k) {
        if (sigma[k] > cutoff) {
            s.covariance += (variance / (sigma[k] * sigma[k])) * v.col(k) * v.col(k).transpose();
        } else {
            // A direction the data do not determine: every parameter moving along it is
            // unbounded.
            for (Eigen::Index i = 0; i < n; ++i)
                for (Eigen::Index j = 0; j < n; ++j)
                    if (v(i, k) != 0 && v(j, k) != 0) s.covariance(i, j) = std::numeric_limits<double>::infinity();
        }
    }
    s.standard_errors = s.covariance.diagonal().cwiseSqrt();
    s.t_values = p.cwiseQuotient(s.standard_errors);
    return s;
}

}  // namespace nabla::opt

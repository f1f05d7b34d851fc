// levenberg_marquardt.hpp — the fit's default method: MINPACK's Levenberg-Marquardt (Eigen's
// port, with MINPACK's scaling of the parameters) on the model's exact residual Jacobian.
#pragma once

#include "opt/fit.hpp"
#include "opt/minimize.hpp"

namespace nabla::opt {

struct LeastSquaresOptions {
    // Relative tolerance on the step (against the scaled parameters) and on the reduction of the
    // sum of squares: a fit stops when either is below it.
    double tolerance = 1e-14;
    // Converged also needs every parameter's gradient cosine, |J_j . r| / (|J_j| |r|), at most
    // this: the residuals are (nearly) orthogonal to every direction the model can move.
    double gradient_tolerance = 1e-6;
    int max_evaluations = 100'000;
    // If set, called at the start and after every iteration (at the cost of one more Jacobian
    // each, for the gradient norm).
    Observer observer;
};

// Minimises 1/2 |r(p)|^2 from p0. The result's value is that half sum of squares, its gradient
// norm the norm of J^T r. Throws nabla::Error when there are fewer rows than parameters or an
// option is out of range, nabla::DomainError when the start is outside the model's domain or
// its sum of squares overflows, opt::Interrupted with the best point after core::request_cancel(). Not converging
// (a plateau, an evaluation limit, a stall) is not an error: the result says why.
SearchResult levenberg_marquardt(const LeastSquares& f, const Eigen::VectorXd& p0, const LeastSquaresOptions& options);

}  // namespace nabla::opt

// levenberg_marquardt.cpp — Eigen's MINPACK port driven one step at a time, so that a cancel
// request stops it and the outcome is judged by nabla's own convergence test.
#include "opt/levenberg_marquardt.hpp"

#include "core/error.hpp"
#include "core/expr.hpp"

#include <unsupported/Eigen/LevenbergMarquardt>

#include <fmt/format.h>

#include <cmath>

namespace nabla::opt {

namespace {

constexpr int max_restarts = 20;

struct Residuals : Eigen::DenseFunctor<double> {
    explicit Residuals(const LeastSquares& f)
        : DenseFunctor(static_cast<int>(f.dimension()), static_cast<int>(f.rows())), f_(f) {}
    int operator()(const InputType& p, ValueType& r) const {
        core::check_cancel();  // no nodes are built while fitting, so look for Ctrl-C here
        r = f_.residuals(p);
        return 0;
    }
    int df(const InputType& p, JacobianType& jacobian) const {
        f_.jacobian(p, jacobian);
        return 0;
    }

private:
    const LeastSquares& f_;
};

// The largest cosine between the residual vector and a column of the Jacobian: 0 at a
// stationary point whatever the scale of the parameters or the data.
double gradient_cosine(const Eigen::MatrixXd& jacobian, const Eigen::VectorXd& r) {
    const double rn = r.norm();
    if (rn == 0) return 0;
    double worst = 0;
    for (Eigen::Index j = 0; j < jacobian.cols(); ++j) {
        const double cn = jacobian.col(j).norm();
        if (cn > 0) worst = std::max(worst, std::abs(jacobian.col(j).dot(r)) / (cn * rn));
    }
    return worst;
}

// Gauss-Newton steps from the point LM reached, each kept only when it lowers the sum of
// squares: near a minimum they converge fast where a shrunken trust region crawls.
void polish(const LeastSquares& f, Eigen::VectorXd& p, Eigen::VectorXd& r, Eigen::MatrixXd& jacobian) {
    double ssr = r.squaredNorm();
    for (int step = 0; step < 20; ++step) {
        const Eigen::VectorXd scale = jacobian.colwise().norm().transpose().cwiseMax(1e-300);
        const Eigen::MatrixXd scaled = jacobian * scale.cwiseInverse().asDiagonal();
        const Eigen::VectorXd delta = scaled.colPivHouseholderQr().solve(-r).cwiseQuotient(scale);
        const Eigen::VectorXd next = p + delta;
        const Eigen::VectorXd r_next = f.residuals(next);
        const double ssr_next = r_next.squaredNorm();
        if (!(ssr_next < ssr)) return;
        p = next;
        r = r_next;
        ssr = ssr_next;
        f.jacobian(p, jacobian);
    }
}

// The result at p: its value, gradient norm and counts.
SearchResult result_at(const LeastSquares& f, const Eigen::VectorXd& p, int iterations, int evaluations) {
    SearchResult result;
    const Eigen::VectorXd r = f.residuals(p);
    Eigen::MatrixXd jacobian;
    f.jacobian(p, jacobian);
    result.x = p;
    result.value = r.squaredNorm() / 2;
    result.gradient_norm = (jacobian.transpose() * r).norm();
    result.iterations = iterations;
    result.evaluations = evaluations;
    return result;
}

void observe(const LeastSquaresOptions& options, const LeastSquares& f, const Eigen::VectorXd& p, int iteration,
             double step) {
    if (!options.observer) return;
    const SearchResult now = result_at(f, p, iteration, 0);
    options.observer({iteration, now.value, now.gradient_norm, step, p});
}

std::string status_text(Eigen::LevenbergMarquardtSpace::Status s) {
    using namespace Eigen::LevenbergMarquardtSpace;
    switch (s) {
    case RelativeReductionTooSmall: return "relative reduction of the sum of squares below the tolerance";
    case RelativeErrorTooSmall: return "relative step below the tolerance";
    case RelativeErrorAndReductionTooSmall: return "relative step and reduction below the tolerance";
    case CosinusTooSmall: return "residuals orthogonal to the Jacobian";
    case TooManyFunctionEvaluation: return "evaluation limit reached";
    case FtolTooSmall: return "no further reduction possible in double precision";
    case XtolTooSmall: return "no further step possible in double precision";
    case GtolTooSmall: return "residuals orthogonal to the Jacobian in double precision";
    default: return "stopped";
    }
}

}  // namespace

SearchResult levenberg_marquardt(const LeastSquares& f, const Eigen::VectorXd& p0, const LeastSquaresOptions& options) {
    const std::size_t n = f.dimension();
    if (static_cast<std::size_t>(p0.size()) != n)
        throw Error(fmt::format("the starting point has {} values for {} parameters", p0.size(), n));
    if (f.rows() < n)
        throw Error(fmt::format("{} rows of data cannot determine {} parameters", f.rows(), n));
    if (!(options.tolerance > 0) || !(options.gradient_tolerance > 0))
        throw Error("the tolerance must be a number > 0");
    if (options.max_evaluations < 1) throw Error("the evaluation limit must be at least 1");
    f.check_finite(p0);
    const double start = f.residuals(p0).squaredNorm();
    if (!std::isfinite(start))
        throw DomainError(fmt::format("the sum of squared residuals is {}, beyond the range of a double", start));

    Residuals residuals(f);
    Eigen::LevenbergMarquardt<Residuals> lm(residuals);
    lm.setXtol(options.tolerance);
    lm.setFtol(options.tolerance);
    lm.setGtol(0);
    lm.setMaxfev(options.max_evaluations);
    Eigen::VectorXd p = p0;
    Eigen::VectorXd r;
    Eigen::MatrixXd jacobian;
    auto status = Eigen::LevenbergMarquardtSpace::NotStarted;
    int iterations = 0, evaluations = 0;
    // MINPACK's tests are relative to its own progress: on an ill-conditioned problem (Lanczos1)
    // its trust region shrinks until each step reduces too little, far from the minimum. A
    // fresh start from the point reached, with the scaling and trust region recomputed there,
    // goes on while it still lowers the sum of squares.
    double before = start;
    int steps = 0;  // calls of minimizeOneStep, the iterations an observer sees
    observe(options, f, p, 0, 0);
    for (int run = 0; run < max_restarts; ++run) {
        try {
            status = lm.minimizeInit(p);
            do {
                const Eigen::VectorXd last = p;
                status = lm.minimizeOneStep(p);
                observe(options, f, p, ++steps, (p - last).norm());
            } while (status == Eigen::LevenbergMarquardtSpace::Running);
        } catch (const Cancelled&) {
            // p is the last point LM accepted: it changes only after a trial step has been evaluated.
            SearchResult best = result_at(f, p, iterations + static_cast<int>(lm.iterations()),
                                    evaluations + static_cast<int>(lm.nfev() + lm.njev()));
            best.stop = "interrupted";
            throw Interrupted(std::move(best));
        }
        iterations += static_cast<int>(lm.iterations());
        evaluations += static_cast<int>(lm.nfev() + lm.njev());
        r = f.residuals(p);
        f.jacobian(p, jacobian);
        const double after = r.squaredNorm();
        if (gradient_cosine(jacobian, r) <= options.gradient_tolerance || !(after < before)
            || status == Eigen::LevenbergMarquardtSpace::TooManyFunctionEvaluation || evaluations >= options.max_evaluations)
            break;
        before = after;
        lm.setMaxfev(options.max_evaluations - evaluations);
    }

    polish(f, p, r, jacobian);

    SearchResult result = result_at(f, p, iterations, evaluations);
    const double cosine = gradient_cosine(jacobian, r);
    const bool stopped_by_tolerance = status != Eigen::LevenbergMarquardtSpace::TooManyFunctionEvaluation
                                      && status != Eigen::LevenbergMarquardtSpace::ImproperInputParameters;
    result.converged = stopped_by_tolerance && std::isfinite(result.value) && cosine <= options.gradient_tolerance;
    result.stop = status_text(status);
    if (stopped_by_tolerance && !result.converged)
        result.stop += fmt::format(", but the gradient is not small (cosine {:.2g} > {:.2g}): a plateau or a stall",
                                   cosine, options.gradient_tolerance);
    else
        result.stop += fmt::format(" (gradient cosine {:.2g})", cosine);
    return result;
}

}  // namespace nabla::opt

// minimize.cpp — the three methods, sharing the bookkeeping of the best point seen.
#include "opt/minimize.hpp"

#include "core/error.hpp"
#include "opt/line_search.hpp"

#include <LBFGS.h>
#include <fmt/format.h>

#include <cmath>
#include <limits>

namespace nabla::opt {

std::optional<Method> method_from_name(std::string_view name) {
    if (name == "gd") return Method::GradientDescent;
    if (name == "newton") return Method::Newton;
    if (name == "lbfgs") return Method::LBFGS;
    return std::nullopt;
}

std::string_view method_name(Method m) {
    switch (m) {
    case Method::GradientDescent: return "gd";
    case Method::Newton: return "newton";
    case Method::LBFGS: return "lbfgs";
    }
    return "?";
}

namespace {

// Counts evaluations and keeps the best finite point seen, which is what a run reports however
// it stops. Values that are not finite read as +infinity, so line searches step back from them.
class Tracker {
public:
    // Starts from x0, where the value f0 and gradient g0 are known: the best point until another.
    Tracker(const Objective& f, const Options& options, const Eigen::VectorXd& x0, double f0, const Eigen::VectorXd& g0)
        : f_(f), options_(options) {
        best_.x = x0;
        best_.value = f0;
        best_.gradient_norm = g0.norm();
        if (options_.observer) options_.observer({0, f0, best_.gradient_norm, 0, x0});
    }

    double gradient(const Eigen::VectorXd& x, Eigen::VectorXd& g) {
        return note(x, f_.gradient(x, g), g);
    }
    double hessian(const Eigen::VectorXd& x, Eigen::VectorXd& g, Eigen::MatrixXd& h) {
        return note(x, f_.hessian(x, g, h), g);
    }
    bool small(const Eigen::VectorXd& g) const { return g.norm() <= options_.tolerance; }

    // An iteration ended at x, a step of length `step` from the last.
    void iterated(const Eigen::VectorXd& x, double value, const Eigen::VectorXd& g, double step) {
        ++iterations_;
        if (options_.observer) options_.observer({iterations_, value, g.norm(), step, x});
    }

    // The best point when the run was cancelled.
    SearchResult interrupted() const {
        SearchResult r = best_;
        r.iterations = iterations_;
        r.evaluations = evaluations_;
        r.converged = false;
        r.stop = "interrupted";
        return r;
    }

    SearchResult finish(std::optional<int> iterations, std::string stop) const {
        SearchResult r = best_;
        r.iterations = iterations;
        r.evaluations = evaluations_;
        r.converged = r.gradient_norm <= options_.tolerance;
        r.stop = r.converged ? fmt::format("gradient norm {:.3g} <= {:.3g}", r.gradient_norm, options_.tolerance)
                             : std::move(stop);
        return r;
    }

private:
    double note(const Eigen::VectorXd& x, double value, const Eigen::VectorXd& g) {
        core::check_cancel();  // a run builds no nodes, so it looks for Ctrl-C itself
        ++evaluations_;
        if (!std::isfinite(value) || !g.allFinite()) return std::numeric_limits<double>::infinity();
        // Values within rounding of each other do not tell which point is better; the gradient does.
        const double gradient_norm = g.norm();
        const bool tie = indistinguishable(value, best_.value);
        if ((!tie && value < best_.value) || (tie && gradient_norm < best_.gradient_norm)) {
            best_.x = x;
            best_.value = value;
            best_.gradient_norm = gradient_norm;
        }
        return value;
    }

    const Objective& f_;
    const Options& options_;
    SearchResult best_;
    int evaluations_ = 0;
    int iterations_ = 0;
};

SearchResult gradient_descent(Tracker& track, Eigen::VectorXd x, const Options& options) {
    Eigen::VectorXd g(x.size());
    double fx = track.gradient(x, g);
    double step = 1;
    auto f = [&](const Eigen::VectorXd& at, Eigen::VectorXd& grad) { return track.gradient(at, grad); };
    for (int k = 0; k < options.max_iterations; ++k) {
        if (track.small(g)) return track.finish(k, {});
        const Eigen::VectorXd p = -g;
        const double taken = line_search(f, x, fx, g, p, step, {});
        if (taken == 0) return track.finish(k, "line search found no decrease along the gradient");
        track.iterated(x, fx, g, taken * p.norm());
        step = 2 * taken;  // try a longer step next time
    }
    return track.finish(options.max_iterations, fmt::format("iteration limit ({})", options.max_iterations));
}

// A descent direction from the Hessian: the Newton step, or with H + lambda I for the smallest
// lambda (doubling) that makes the matrix positive definite and the step go downhill.
std::optional<Eigen::VectorXd> newton_direction(const Eigen::MatrixXd& h, const Eigen::VectorXd& g) {
    const double scale = std::max(1.0, h.cwiseAbs().maxCoeff());
    const Eigen::MatrixXd identity = Eigen::MatrixXd::Identity(h.rows(), h.cols());
    for (double lambda = 0; lambda < 1e20 * scale; lambda = lambda == 0 ? 1e-10 * scale : 2 * lambda) {
        const Eigen::LDLT<Eigen::MatrixXd> ldlt(h + lambda * identity);
        if (ldlt.info() != Eigen::Success || !ldlt.isPositive()) continue;
        Eigen::VectorXd p = ldlt.solve(-g);
        if (p.allFinite() && g.dot(p) < 0) return p;
    }
    return std::nullopt;
}

SearchResult newton(Tracker& track, Eigen::VectorXd x, const Options& options) {
    Eigen::VectorXd g(x.size());
    Eigen::MatrixXd h;
    double fx = track.hessian(x, g, h);
    auto f = [&](const Eigen::VectorXd& at, Eigen::VectorXd& grad) { return track.gradient(at, grad); };
    for (int k = 0; k < options.max_iterations; ++k) {
        if (track.small(g)) return track.finish(k, {});
        const auto p = newton_direction(h, g);
        if (!p) return track.finish(k, "no descent direction from the Hessian");
        const double taken = line_search(f, x, fx, g, *p, 1, {});
        if (taken == 0) return track.finish(k, "line search found no decrease");
        fx = track.hessian(x, g, h);
        track.iterated(x, fx, g, taken * p->norm());
    }
    return track.finish(options.max_iterations, fmt::format("iteration limit ({})", options.max_iterations));
}

// LBFGSpp's objective: evaluations go through the tracker, and WolfeLineSearch reports each
// step it accepts, which is one iteration.
struct LbfgsObjective {
    Tracker& track;
    double operator()(const Eigen::VectorXd& x, Eigen::VectorXd& g) { return track.gradient(x, g); }
    void accepted(const Eigen::VectorXd& x, double value, const Eigen::VectorXd& g, double step) {
        track.iterated(x, value, g, step);
    }
};

SearchResult lbfgs(Tracker& track, Eigen::VectorXd x, const Options& options) {
    LBFGSpp::LBFGSParam<double> param;
    param.epsilon = options.tolerance;
    param.epsilon_rel = 0;
    param.max_iterations = options.max_iterations;
    param.max_linesearch = 80;
    LBFGSpp::LBFGSSolver<double, WolfeLineSearch> solver(param);
    LbfgsObjective objective{track};
    Eigen::VectorXd g(x.size());
    track.gradient(x, g);
    if (track.small(g)) return track.finish(0, {});  // LBFGSpp would count this as one iteration
    double fx = 0;
    try {
        const int iterations = solver.minimize(objective, x, fx);
        return track.finish(iterations, fmt::format("iteration limit ({})", options.max_iterations));
    } catch (const LineSearchFailed& e) {
        // No step decreases the value, e.g. at the limits of double precision. Anything else
        // (Ctrl-C, a bug, out of memory) is not a result and goes on to the caller.
        return track.finish(std::nullopt, std::string("line search failed: ") + e.what());
    }
}

}  // namespace

SearchResult minimize(const Objective& f, const Eigen::VectorXd& x0, const Options& options) {
    if (static_cast<std::size_t>(x0.size()) != f.dimension())
        throw Error(fmt::format("the starting point has {} values for {} variables", x0.size(), f.dimension()));
    if (!(options.tolerance >= 0)) throw Error("the tolerance must be a number >= 0");
    if (options.max_iterations < 1 || options.max_iterations > max_iterations)
        throw Error(fmt::format("the iteration limit must be between 1 and {}", max_iterations));
    f.check_finite(x0);
    // Each row may be finite while their sum overflows (a*exp(b*x) far from its fit): a run
    // must start from a point it can compare others with.
    Eigen::VectorXd g0(x0.size());
    const double f0 = f.gradient(x0, g0);
    if (!std::isfinite(f0) || !g0.allFinite())
        throw DomainError(std::isfinite(f0) ? std::string("the gradient overflows a double")
                                            : fmt::format("the objective is {}, beyond the range of a double; start nearer a solution", f0));
    Tracker track(f, options, x0, f0, g0);
    try {
        switch (options.method) {
        case Method::GradientDescent: return gradient_descent(track, x0, options);
        case Method::Newton: return newton(track, x0, options);
        case Method::LBFGS: return lbfgs(track, x0, options);
        }
    } catch (const Cancelled&) {
        throw Interrupted(track.interrupted());
    }
    return track.finish(0, "unknown method");
}

}  // namespace nabla::opt

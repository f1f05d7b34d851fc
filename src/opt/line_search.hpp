// line_search.hpp — the step length along a descent direction, for all three methods.
//
// Sufficient decrease (Armijo) is tested on the values while they can tell the difference;
// near a minimum, where f(x + t p) and f(x) agree to rounding (and a rounded comparison would
// accept anything), the decrease is estimated from the slopes at both ends instead (Hager and Zhang's approximate Armijo condition), so that the
// methods still reach small gradients rather than stopping on noise.
#pragma once

#include <Eigen/Dense>
#include <LBFGS.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace nabla::opt {

// Whether two values agree to rounding (12 digits), so that neither tells which point is lower.
inline bool indistinguishable(double a, double b) { return std::abs(a - b) <= 1e-12 * std::max(1.0, std::abs(b)); }

struct LineSearchRule {
    double sufficient_decrease = 1e-4;  // f(x + t p) <= f(x) + c1 t g.p
    double curvature = 0.9;             // with `wolfe`: g(x + t p).p >= c2 g.p
    bool wolfe = false;
    int max_trials = 80;
};

// Searches t from `t` along p. `f(x, g)` returns the value at x and its gradient in g (an
// infinite value means "outside the domain": the step shrinks). On success x, fx and g hold
// the accepted point and the step is returned; on failure they are unchanged and 0 is returned.
template <class Function>
double line_search(Function& f, Eigen::VectorXd& x, double& fx, Eigen::VectorXd& g, const Eigen::VectorXd& p,
                   double t, const LineSearchRule& rule) {
    const double slope = g.dot(p);
    if (!(slope < 0)) return 0;
    double lo = 0, hi = std::numeric_limits<double>::infinity();
    Eigen::VectorXd trial(x.size()), trial_g(x.size());
    for (int k = 0; k < rule.max_trials; ++k) {
        trial.noalias() = x + t * p;
        const double value = f(trial, trial_g);
        const double trial_slope = trial_g.dot(p);
        const bool decrease = indistinguishable(value, fx)
                                  ? (slope + trial_slope) / 2 <= rule.sufficient_decrease * slope
                                  : value <= fx + rule.sufficient_decrease * t * slope;
        if (!std::isfinite(value) || !decrease) {
            hi = t;
        } else if (rule.wolfe && trial_slope < rule.curvature * slope) {
            lo = t;  // still going steeply downhill: a longer step is better
        } else {
            x = trial;
            fx = value;
            g = trial_g;
            return t;
        }
        t = std::isinf(hi) ? 2 * t : (lo + hi) / 2;
        if (t == lo || t == hi || t < 1e-20) break;
    }
    return 0;
}

// What WolfeLineSearch throws out of LBFGSpp's solver when no step decreases the value: the
// end of a run, not an error (minimize reports it as the reason the run stopped).
class LineSearchFailed : public std::runtime_error {
public:
    LineSearchFailed() : std::runtime_error("no step along the search direction decreases the value enough") {}
};

// The same search as a line search policy of LBFGSpp's solver, which it calls with the
// previous point xp and writes the new point into x. Besides evaluating, `f` is told of each
// accepted step: f.accepted(x, fx, grad, step length).
template <class Scalar>
struct WolfeLineSearch {
    template <class Function>
    static void LineSearch(Function& f, Scalar& fx, Eigen::VectorXd& x, Eigen::VectorXd& grad, Scalar& step,
                           const Eigen::VectorXd& drt, const Eigen::VectorXd& xp,
                           const LBFGSpp::LBFGSParam<Scalar>& param) {
        LineSearchRule rule;
        rule.sufficient_decrease = param.ftol;
        rule.curvature = param.wolfe;
        rule.wolfe = true;
        rule.max_trials = param.max_linesearch;
        x = xp;
        step = line_search(f, x, fx, grad, drt, step, rule);
        if (step == 0) throw LineSearchFailed();
        f.accepted(x, fx, grad, step * drt.norm());
    }
};

}  // namespace nabla::opt

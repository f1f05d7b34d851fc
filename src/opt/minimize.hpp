// minimize.hpp — unconstrained minimisation: gradient descent, Newton and L-BFGS.
#pragma once

#include "core/error.hpp"
#include "opt/objective.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace nabla::opt {

enum class Method {
    GradientDescent,  // steepest descent, backtracking line search
    Newton,           // Newton steps on the exact Hessian, shifted until it is positive definite
    LBFGS,            // limited-memory BFGS (LBFGSpp), Wolfe line search
};

std::optional<Method> method_from_name(std::string_view name);  // "gd", "newton", "lbfgs"
std::string_view method_name(Method m);

// A run is bounded: at most this many iterations (each a few evaluations).
inline constexpr int max_iterations = 10'000'000;

// One iteration of a search as an observer sees it (a trace file, a progress line).
struct Iterate {
    int iteration = 0;  // 0 is the starting point
    double value = 0;   // the objective; for a fit, half the (weighted) sum of squares
    double gradient_norm = 0;
    double step = 0;    // the Euclidean length of the step that reached x; 0 at the start
    const Eigen::VectorXd& x;
};
using Observer = std::function<void(const Iterate&)>;

struct Options {
    Method method = Method::LBFGS;
    double tolerance = 1e-8;    // converged when the gradient's Euclidean norm is at most this
    int max_iterations = 1000;
    Observer observer;          // if set, called at the start and after every iteration
};

struct SearchResult {
    Eigen::VectorXd x;      // the best point found (the minimiser when converged)
    double value = 0;
    double gradient_norm = 0;
    std::optional<int> iterations;  // unknown when L-BFGS stops in a failed line search
    int evaluations = 0;    // of the objective with its gradient (and Hessian, for Newton)
    bool converged = false;
    std::string stop;       // why it stopped, in words
};

// What a search throws after core::request_cancel() (Ctrl-C): a nabla::Cancelled carrying the
// best point found so far, not converged, with the stop reason "interrupted".
class Interrupted : public Cancelled {
public:
    explicit Interrupted(SearchResult best) : best(std::move(best)) {}
    SearchResult best;
};

// Minimises f from x0. Throws nabla::DomainError when f is not finite at x0, nabla::Error on an
// option out of range (a negative tolerance, an iteration limit outside 1..max_iterations),
// opt::Interrupted at the next evaluation after core::request_cancel(). Running out of
// iterations or a failed line search is not an error: the result says so (converged false)
// and holds the best point found.
SearchResult minimize(const Objective& f, const Eigen::VectorXd& x0, const Options& options);

}  // namespace nabla::opt

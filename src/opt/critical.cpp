// critical.cpp — damped Newton steps on grad f = 0 from many starts, then the Hessian's spectrum.
#include "opt/critical.hpp"

#include "core/error.hpp"
#include "diff/calculus.hpp"
#include "tape/tape.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>

namespace nabla::opt {
namespace {

constexpr int max_newton_steps = 100;
constexpr double max_step = 10;        // a trust radius: far jumps leave the start's basin
constexpr double gradient_tolerance = 1e-10;
constexpr double step_tolerance = 1e-10;  // with a small gradient: Newton has settled, not crawling
constexpr double same_point = 1e-6;
constexpr double flat_eigenvalue = 1e-8;  // relative to the largest

// Value, gradient and Hessian of f at x, from one tape.
class Derivatives {
public:
    Derivatives(const core::Expr& f, std::span<const core::Expr> vars) : n_(vars.size()) {
        const diff::GradientHessian gh = diff::gradient_and_hessian(f, vars);
        std::vector<core::Expr> roots{f};
        roots.insert(roots.end(), gh.gradient.begin(), gh.gradient.end());
        for (const auto& row : gh.hessian) roots.insert(roots.end(), row.begin(), row.end());
        tape_.emplace(roots, vars);
        out_.resize(roots.size());
    }

    // False when a value is not finite there.
    bool at(const Eigen::VectorXd& x, double& value, Eigen::VectorXd& g, Eigen::MatrixXd& h) {
        tape_->run(std::span<const double>(x.data(), n_), out_);
        if (!std::all_of(out_.begin(), out_.end(), [](double v) { return std::isfinite(v); })) return false;
        value = out_[0];
        g = Eigen::Map<const Eigen::VectorXd>(out_.data() + 1, static_cast<Eigen::Index>(n_));
        h = Eigen::Map<const Eigen::MatrixXd>(out_.data() + 1 + n_, static_cast<Eigen::Index>(n_),
                                              static_cast<Eigen::Index>(n_));
        return true;
    }

private:
    std::size_t n_;
    std::optional<tape::Tape> tape_;
    std::vector<double> out_;
};

std::vector<Eigen::VectorXd> starts(std::size_t n) {
    std::vector<Eigen::VectorXd> out;
    const auto count = static_cast<std::size_t>(std::pow(5.0, static_cast<double>(n)));
    if (n <= 3) {
        for (std::size_t k = 0; k < count; ++k) {
            Eigen::VectorXd x(static_cast<Eigen::Index>(n));
            std::size_t rest = k;
            for (std::size_t i = 0; i < n; ++i, rest /= 5) x[static_cast<Eigen::Index>(i)] = static_cast<double>(rest % 5) - 2;
            out.push_back(x);
        }
        return out;
    }
    // A low-discrepancy spread (additive recurrence on irrational steps), the same every run.
    for (std::size_t k = 0; k < 125; ++k) {
        Eigen::VectorXd x(static_cast<Eigen::Index>(n));
        for (std::size_t i = 0; i < n; ++i) {
            const double step = std::sqrt(2.0 + static_cast<double>(i)) - std::floor(std::sqrt(2.0 + static_cast<double>(i)));
            const double u = std::fmod(0.5 + static_cast<double>(k) * step, 1.0);
            x[static_cast<Eigen::Index>(i)] = 4 * u - 2;
        }
        out.push_back(x);
    }
    return out;
}

CriticalKind classify(const Eigen::VectorXd& eigenvalues) {
    const double scale = std::max(1.0, eigenvalues.cwiseAbs().maxCoeff());
    const double tol = flat_eigenvalue * scale;
    if ((eigenvalues.array().abs() <= tol).any()) return CriticalKind::Degenerate;
    if ((eigenvalues.array() > 0).all()) return CriticalKind::Minimum;
    if ((eigenvalues.array() < 0).all()) return CriticalKind::Maximum;
    return CriticalKind::Saddle;
}

}  // namespace

const char* critical_kind_name(CriticalKind kind) {
    switch (kind) {
        case CriticalKind::Minimum: return "minimum";
        case CriticalKind::Maximum: return "maximum";
        case CriticalKind::Saddle: return "saddle point";
        case CriticalKind::Degenerate: return "degenerate";
    }
    return "";
}

CriticalSearch critical_points(const core::Expr& f, std::span<const core::Expr> vars) {
    if (vars.empty()) throw Error("critical points need at least one variable");
    Derivatives d(f, vars);
    CriticalSearch search;
    for (Eigen::VectorXd x : starts(vars.size())) {
        ++search.starts;
        double value = 0;
        Eigen::VectorXd g;
        Eigen::MatrixXd h;
        bool found = false;
        for (int step = 0; step < max_newton_steps && d.at(x, value, g, h); ++step) {
            Eigen::VectorXd dx = h.completeOrthogonalDecomposition().solve(-g);
            if (!dx.allFinite()) break;
            // Near a degenerate point the gradient is tiny long before x is close to it.
            if (g.lpNorm<Eigen::Infinity>() <= gradient_tolerance * (1 + std::abs(value)) &&
                dx.norm() <= step_tolerance * (1 + x.norm())) {
                found = true;
                break;
            }
            if (dx.norm() > max_step) dx *= max_step / dx.norm();
            x += dx;
        }
        if (!found) continue;
        const bool seen = std::any_of(search.points.begin(), search.points.end(), [&](const CriticalPoint& p) {
            return (p.x - x).norm() <= same_point * (1 + x.norm());
        });
        if (seen) continue;
        CriticalPoint p;
        p.x = x;
        p.value = value;
        p.eigenvalues = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(h, Eigen::EigenvaluesOnly).eigenvalues();
        p.kind = classify(p.eigenvalues);
        search.points.push_back(std::move(p));
    }
    std::sort(search.points.begin(), search.points.end(),
              [](const CriticalPoint& a, const CriticalPoint& b) { return a.value < b.value; });
    return search;
}

}  // namespace nabla::opt

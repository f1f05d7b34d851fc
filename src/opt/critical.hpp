// critical.hpp — stationary points found numerically and classified by the exact Hessian.
#pragma once

#include "core/expr.hpp"

#include <Eigen/Core>

#include <cstddef>
#include <span>
#include <vector>

namespace nabla::opt {

enum class CriticalKind { Minimum, Maximum, Saddle, Degenerate };

const char* critical_kind_name(CriticalKind kind);  // "minimum", "maximum", "saddle point", "degenerate"

struct CriticalPoint {
    Eigen::VectorXd x;
    double value = 0;
    Eigen::VectorXd eigenvalues;  // of the Hessian there, ascending
    CriticalKind kind = CriticalKind::Degenerate;
};

struct CriticalSearch {
    std::vector<CriticalPoint> points;  // distinct, sorted by value
    std::size_t starts = 0;             // Newton runs made
};

// Newton's method on the exact gradient of f from a grid of starts in [-2, 2] per variable
// (5 per axis up to 3 variables, else 125 spread points), each point where the gradient
// vanishes kept once. The Hessian's eigenvalues classify it: all positive a minimum, all
// negative a maximum, both signs a saddle; an eigenvalue near zero (relative to the largest)
// leaves the test undecided (degenerate). Points are local and numerical: a function may have
// stationary points no start reaches.
CriticalSearch critical_points(const core::Expr& f, std::span<const core::Expr> vars);

}  // namespace nabla::opt

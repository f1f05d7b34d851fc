// calculus.hpp — successive partials, gradient, Jacobian and Hessian over shared work.
#pragma once

#include "core/expr.hpp"

#include <span>
#include <vector>

namespace nabla::diff {

using Matrix = std::vector<std::vector<core::Expr>>;

// d^n f / (dx_1 ... dx_n), differentiating in the order given.
core::Expr partial(const core::Expr& f, std::span<const core::Expr> vars);

std::vector<core::Expr> gradient(const core::Expr& f, std::span<const core::Expr> vars);

// rows: functions, columns: variables.
Matrix jacobian(std::span<const core::Expr> fs, std::span<const core::Expr> vars);

// Symmetric: each mixed partial is computed once, from the gradient's own entries, and mirrored.
Matrix hessian(const core::Expr& f, std::span<const core::Expr> vars);

// Both at once, for callers that want the gradient too (it is computed on the way).
struct GradientHessian {
    std::vector<core::Expr> gradient;
    Matrix hessian;
};
GradientHessian gradient_and_hessian(const core::Expr& f, std::span<const core::Expr> vars);

// The default variable order: every symbol of the expressions, sorted naturally (x2 < x10).
std::vector<core::Expr> default_variables(std::span<const core::Expr> fs);

}  // namespace nabla::diff

// series.hpp — Taylor polynomials from exact derivatives.
#pragma once

#include "core/expr.hpp"

#include <cstddef>
#include <span>
#include <utility>

namespace nabla::diff {

// The Taylor polynomial of f about the point `at` (each variable with its value, a constant
// expression) to total degree `order`: the sum over k <= order of (d^k f)(a)[x - a]^k / k!,
// whose coefficients are exact. One variable gives the series f(a) + f'(a)(x - a) + ...;
// several give f(a) + grad.(x - a) + (x - a).H.(x - a)/2 + ... Throws LimitError for an
// order past limits::max_diff_order, nabla::Error for a point that is not constant, and
// DomainError where a derivative is undefined at the point (log at 0).
core::Expr taylor(const core::Expr& f, std::span<const std::pair<core::Expr, core::Expr>> at,
                  std::size_t order);

}  // namespace nabla::diff

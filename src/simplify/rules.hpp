// rules.hpp — the rewrite rules listed in rulesets.def, one function each.
//
// A rule looks at a single node whose arguments are already simplified and returns a
// mathematically equal replacement, or nothing when it does not apply. It need not check
// that the replacement is smaller: the driver does. Every rule is valid wherever its input
// is defined; cancel may extend the domain ((x^2 - 1)/(x - 1) becomes x + 1, also defined
// at x = 1), as computer algebra systems customarily do.
#pragma once

#include "core/expr.hpp"

#include <cstddef>
#include <optional>

namespace nabla::simplify {

// Sums and products with more arguments than this are left to canonical form alone, which
// keeps rules that compare terms pairwise from going quadratic on huge inputs.
inline constexpr std::size_t max_rule_terms = 1000;

// cancel: a product of polynomials in one variable over polynomial denominators, divided
// by their gcd: (x^2 - 4)/(x + 2) -> x - 2.
std::optional<core::Expr> rule_cancel(const core::Expr& e);

// tan-to-sin-cos: tan(u) -> sin(u)/cos(u) in the factors and terms of a product or sum,
// so that tan(x)*cos(x) -> sin(x).
std::optional<core::Expr> rule_tan_to_sin_cos(const core::Expr& e);

// pythagoras: a*R*sin(u)^2 + b*R*cos(u)^2 + d*R in a sum, using sin^2 + cos^2 = 1 to drop
// one of the three terms: sin(x)^2 + cos(x)^2 + y -> y + 1, 1 - sin(x)^2 -> cos(x)^2.
std::optional<core::Expr> rule_pythagoras(const core::Expr& e);

// sin-cos-to-tan: sin(u)^k * cos(u)^-m in a product -> tan(u)^min(k, m) times the rest.
std::optional<core::Expr> rule_sin_cos_to_tan(const core::Expr& e);

// exp-product: exp(a)^r * exp(b)^s -> exp(r*a + s*b) (exp is positive, so valid for all reals).
std::optional<core::Expr> rule_exp_product(const core::Expr& e);

// exp-power: exp(a)^r -> exp(r*a).
std::optional<core::Expr> rule_exp_power(const core::Expr& e);

}  // namespace nabla::simplify

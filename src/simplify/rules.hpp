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

// cos-double-angle: the same terms as pythagoras written with cos(2u):
// cos(x)^2 - sin(x)^2 -> cos(2*x), 1 - 2*sin(x)^2 -> cos(2*x).
std::optional<core::Expr> rule_cos_double_angle(const core::Expr& e);

// sin-double-angle: sin(u)^k*cos(u)^k -> sin(2u)^k/2^k in a product or in each term of a sum:
// 2*sin(x)*cos(x) -> sin(2*x), sin(2*x) - 2*sin(x)*cos(x) -> 0.
std::optional<core::Expr> rule_sin_double_angle(const core::Expr& e);

// sin-cos-to-tan: sin(u)^k * cos(u)^-m in a product -> tan(u)^min(k, m) times the rest.
std::optional<core::Expr> rule_sin_cos_to_tan(const core::Expr& e);

// exp-product: exp(a)^r * exp(b)^s -> exp(r*a + s*b) (exp is positive, so valid for all reals).
std::optional<core::Expr> rule_exp_product(const core::Expr& e);

// exp-power: exp(a)^r -> exp(r*a).
std::optional<core::Expr> rule_exp_power(const core::Expr& e);

// exp-of-log: exp(c*log(w) + a) -> w^c*exp(a), where log(w) needs w > 0: exp(2*log(x)) -> x^2.
std::optional<core::Expr> rule_exp_of_log(const core::Expr& e);

// log-product-power: log(w) as a sum of logs, alone or as c*log(w) in a sum, where the signs
// allow it: log(x^3) -> 3*log(x), log(x^2) -> 2*log(abs(x)), log(exp(x)*y) -> x + log(y);
// log(x*y) stays (x and y may both be negative).
std::optional<core::Expr> rule_log_product_power(const core::Expr& e);

// cosh-sinh: a*R*sinh(u)^2 + b*R*cosh(u)^2 + d*R with cosh^2 - sinh^2 = 1, as pythagoras.
std::optional<core::Expr> rule_cosh_sinh(const core::Expr& e);

// cosh-double-angle: the same terms as cosh-sinh written with cosh(2u):
// cosh(x)^2 + sinh(x)^2 -> cosh(2*x), 1 + 2*sinh(x)^2 -> cosh(2*x).
std::optional<core::Expr> rule_cosh_double_angle(const core::Expr& e);

// tanh-cosh: tanh(u)^2 + 1/cosh(u)^2 = 1, as pythagoras: 1 - tanh(x)^2 -> 1/cosh(x)^2.
std::optional<core::Expr> rule_tanh_cosh(const core::Expr& e);

// exp-to-cosh-sinh: a*R*exp(u) + b*R*exp(-u) -> (a + b)*R*cosh(u) + (a - b)*R*sinh(u).
std::optional<core::Expr> rule_exp_to_cosh_sinh(const core::Expr& e);

// max-min: a*R*max(u, v) + b*R*min(u, v) -> (a + b)/2*R*(u + v) + (a - b)/2*R*abs(u - v).
std::optional<core::Expr> rule_max_min(const core::Expr& e);

// relu-reflection: a*R*relu(u) + b*R*relu(-u) -> (a + b)/2*R*abs(u) + (a - b)/2*R*u.
std::optional<core::Expr> rule_relu_reflection(const core::Expr& e);

// heaviside-sign: heaviside(u) + heaviside(-u) = 1 as pythagoras, and
// heaviside(u) - heaviside(-u) = sign(u); both hold at 0 (heaviside(0) = 1/2).
std::optional<core::Expr> rule_heaviside_sign(const core::Expr& e);

// abs-sign: in a product abs(u)*sign(u) -> u, u*sign(u) -> abs(u), u*heaviside(u) -> relu(u),
// u/abs(u) and abs(u)/u -> sign(u) (those two are defined only where u != 0).
std::optional<core::Expr> rule_abs_sign(const core::Expr& e);

// abs-even-power: abs(u)^k -> u^k for an even integer k.
std::optional<core::Expr> rule_abs_even_power(const core::Expr& e);

// sigmoid-complement: sigmoid(u) + sigmoid(-u) = 1, as pythagoras: 1 - sigmoid(x) -> sigmoid(-x).
std::optional<core::Expr> rule_sigmoid_complement(const core::Expr& e);

// sigmoid-from-exp: (1 + exp(w))^k -> sigmoid(-w)^-k for k < 0: 1/(1 + exp(-u)) -> sigmoid(u).
std::optional<core::Expr> rule_sigmoid_from_exp(const core::Expr& e);

// exp-times-sigmoid: exp(w)*sigmoid(-w) -> sigmoid(w) in a product.
std::optional<core::Expr> rule_exp_times_sigmoid(const core::Expr& e);

// sigmoid-derivative: a*R*sigmoid(u) + b*R*sigmoid(u)^2 ->
// (a + b)*R*sigmoid(u) - b*R*sigmoid(u)*sigmoid(-u): sigmoid(x) - sigmoid(x)^2 -> sigmoid(x)*sigmoid(-x).
std::optional<core::Expr> rule_sigmoid_derivative(const core::Expr& e);

// softplus-reflection: softplus(u) - softplus(-u) = u: softplus(x) - softplus(-x) -> x.
std::optional<core::Expr> rule_softplus_reflection(const core::Expr& e);

// log-sigmoid: log(sigmoid(u)) -> -softplus(-u) and log(1 + exp(u)) -> softplus(u), alone or
// as c*log(w) in a sum.
std::optional<core::Expr> rule_log_sigmoid(const core::Expr& e);

}  // namespace nabla::simplify

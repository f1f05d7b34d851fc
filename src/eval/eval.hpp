// eval.hpp — numeric evaluation: exact rationals where possible, doubles otherwise.
//
// This module is the numeric reference of nabla: tests compare derivatives, generated code
// and optimizers against it, and the code generator must compute every function exactly as
// documented here.
//
// Semantics of the built-in functions (double evaluation; the exact core folds agree):
//   x^(p/q)       for x < 0 and odd q the real root: (-8)^(1/3) = -2, (-8)^(2/3) = 4; for x < 0
//                 and even q (sqrt(-1), (-1)^(1/4)) a DomainError. In double (the tape,
//                 tape/program.hpp), x^n for |n| <= 64 is computed by products and x^(p/2),
//                 x^(p/3) by products of std::sqrt and std::cbrt, a negative power as 1/x^|n|;
//                 other rational powers by std::pow with the sign of an odd root.
//                 0 to a negative power is a DomainError ("division by zero").
//   x^y           (y not a Number) std::pow for x > 0; for x = 0: 1 when y = 0, 0 when y > 0,
//                 division by zero when y < 0; for x < 0 only an integer-valued y is allowed
//                 (evaluate() substitutes first, so x^y at x = -8, y = 1/3 folds exactly to -2).
//   tan           at an exact odd multiple of pi/2 evaluate() reports a pole (DomainError).
//   sin cos tan asin acos atan sinh cosh tanh asinh acosh atanh exp log cbrt erf, atan2(y, x):
//                 the <cmath> function of the same name; atan2(0, 0) = 0 as std::atan2.
//                 Domains: asin, acos need [-1, 1]; acosh needs >= 1; atanh needs (-1, 1);
//                 log needs > 0.
//   abs(x)        std::fabs.           sign(x)       -1, 0, 1; sign(0) = 0.
//   heaviside(x)  0 for x < 0, 1/2 at x = 0, 1 for x > 0.
//   relu(x)       max(x, 0), so relu(0) = 0.
//   min, max      the ordinary ones.
//   sigmoid(x)    1/(1 + exp(-x)), computed stably with z = exp(-abs(x)):
//                 (x >= 0 ? 1 : z)/(1 + z).
//   softplus(x)   log(1 + exp(x)), computed stably: max(x, 0) + log1p(exp(-abs(x))).
//   (The functions themselves are in tape/scalar.hpp, which the tape and generated code share.)
//   Derivative conventions at kinks: abs'(0) = sign(0) = 0, relu'(0) = heaviside(0) = 1/2.
//   A NaN operand gives NaN through sign, heaviside, relu, min and max (never a made-up 0).
#pragma once

#include "core/expr.hpp"

#include <gmpxx.h>

#include <map>
#include <optional>
#include <string>

namespace nabla::eval {

// Values for symbols, by name. Exact rationals.
using Point = std::map<std::string, mpq_class, std::less<>>;

struct Value {
    double number;                   // always set; the correctly rounded double of `exact` if any
    std::optional<mpq_class> exact;  // set when the value is an exact rational
};

// The value of `e` at `at`. Exact where the inputs and operations allow: the point is
// substituted and the canonical constructors fold it (x^2/3 at x = 1/2 is 1/12, cos(pi/3)*x at
// x = 4 is 2); if that gives a Number the value is exact. Otherwise what is left is evaluated
// in double. Exact numbers are bounded by limits::max_number_bits: when folding would combine
// or produce larger ones, the whole expression is evaluated in double instead.
// `number` is always finite: an exact value beyond the double range (2^2000) is an overflow.
// Throws nabla::Error("no value for 'y'") for a symbol missing from `at` (the first in natural
// order), and nabla::DomainError naming the function for log(0), log of a negative, division by
// zero, even roots of negatives, asin/acos/acosh/atanh outside their domains, and a result
// (of any double step, or the final value) that is NaN or infinite
// ("overflow: exp(800) is too large for a double"). A DomainError the core throws while
// folding (log(0), 1/0) propagates unchanged.
Value evaluate(const core::Expr& e, const Point& at);

// The exact checks evaluate() makes on every node: throws nabla::DomainError for a function of
// numbers outside its domain (sqrt(-2), log(0), asin(2)) and for tan at a pole (tan(pi/2),
// which double arithmetic would miss). The MPFR evaluation (eval/mpfr.hpp) shares them.
void check_exact_domains(const core::Expr& e);

}  // namespace nabla::eval

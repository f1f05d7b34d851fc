// mpfr.hpp — a constant expression to N significant decimal digits, with MPFR.
//
// Double evaluation rounds every step to 53 bits, so 577/408 - sqrt(2) (about 1.5e-6) keeps only
// ten correct digits and a tiny difference can come out as 0. Here every function of
// core/functions.def is computed by MPFR, correctly rounded at a working precision above N
// digits, with the semantics eval.hpp documents (real odd roots of negatives, heaviside(0) = 1/2,
// the domains of log, asin, ...). The value is computed at two working precisions, doubling
// until both round to the same N digits (Ziv's strategy), so digits lost to cancellation are
// recovered rather than printed wrong. Exact values (rationals) are rounded exactly.
#pragma once

#include "core/expr.hpp"

#include <gmpxx.h>

#include <cstddef>
#include <string>

namespace nabla::eval {

// `e` (no symbols) to `digits` significant digits, rounded to nearest: "3.14159" for pi and 6,
// "1.50182...e-6" in scientific notation when the exponent is below -4 or at least `digits`,
// "0" for zero. Throws nabla::LimitError for digits outside 1..limits::max_eval_digits or an
// expression too large to hold at that precision, nabla::Error("no value for 'y'") for a symbol,
// nabla::DomainError naming the function as evaluate() does (log(0), sqrt(-1), tan at a pole,
// asin(2), overflow beyond MPFR's range), and when the digits cannot be settled because the
// value cancels to nothing (an expression that is 0 but not folded to 0).
std::string decimal_value(const core::Expr& e, std::size_t digits);

// An exact rational to `digits` significant digits, rounded to nearest (ties to even), in the
// notation of decimal_value.
std::string decimal_text(const mpq_class& q, std::size_t digits);

}  // namespace nabla::eval

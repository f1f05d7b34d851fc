// poly.hpp — dense univariate polynomials over the rationals, bounded in degree and size.
#pragma once

#include "core/expr.hpp"

#include <gmpxx.h>

#include <cstddef>
#include <optional>
#include <vector>

namespace nabla::simplify {

// Bounds that keep polynomial work fast on untrusted input; beyond them a rule gives up.
inline constexpr int max_poly_degree = 64;
inline constexpr std::size_t max_coefficient_bits = 4096;

// c[k] is the coefficient of x^k; no trailing zeros, so the zero polynomial is empty.
struct Poly {
    std::vector<mpq_class> c;

    int degree() const { return static_cast<int>(c.size()) - 1; }  // -1 for zero
    bool is_zero() const { return c.empty(); }
};

Poly poly_constant(const mpq_class& value);

// `e` as a polynomial in the symbol `var` with rational coefficients: sums and products of
// numbers, var and non-negative integer powers of those, expanded. Nothing when `e` holds
// anything else (another symbol, pi, a call, a fractional power) or exceeds the bounds.
std::optional<Poly> to_poly(const core::Expr& e, const core::Expr& var);

// The canonical expression of `p` in `var`.
core::Expr from_poly(const Poly& p, const core::Expr& var);

Poly poly_add(const Poly& a, const Poly& b);
// Nothing when the product exceeds the bounds.
std::optional<Poly> poly_mul(const Poly& a, const Poly& b);

struct PolyDivision {
    Poly quotient;
    Poly remainder;
};
PolyDivision poly_divide(const Poly& a, const Poly& b);  // b nonzero

// The monic greatest common divisor (Euclid over Q), or nothing when intermediate
// coefficients exceed the bounds. gcd(0, 0) is 0.
std::optional<Poly> poly_gcd(const Poly& a, const Poly& b);

}  // namespace nabla::simplify

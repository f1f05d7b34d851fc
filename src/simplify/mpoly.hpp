// mpoly.hpp — multivariate polynomials with rational coefficients on FLINT (fmpq_mpoly), with the
// size limits of limits.hpp checked before every FLINT call, since one call cannot be interrupted.
//
// Internal to src/simplify: FLINT's headers define the macros `ulong` and `slong`, so only the
// algebra operations' sources include this file; algebra.hpp is their interface.
#pragma once

#include "core/expr.hpp"

#include <flint/fmpq_mpoly.h>
#include <gmpxx.h>

#include <optional>
#include <string>
#include <vector>

namespace nabla::simplify {

// The variables of the polynomials of one computation: generators()[i] is variable i. A
// generator is whatever a polynomial is not made of: a symbol, pi, a call, a fractional or
// symbolic power. The ring also keeps the computation's work count (terms multiplied and
// added), so that one operation stays within limits::max_poly_work.
class PolyRing {
public:
    // Throws LimitError for more than limits::max_poly_generators generators.
    explicit PolyRing(std::vector<core::Expr> generators);
    ~PolyRing();
    PolyRing(const PolyRing&) = delete;
    PolyRing& operator=(const PolyRing&) = delete;

    const fmpq_mpoly_ctx_struct* ctx() const { return ctx_; }
    const std::vector<core::Expr>& generators() const { return generators_; }

    // Counts `terms` term operations; throws LimitError past the work limit and Cancelled when a
    // cancel is requested.
    void charge(double terms) const;

private:
    fmpq_mpoly_ctx_t ctx_;
    std::vector<core::Expr> generators_;
    mutable double work_ = 0;
};

class MPoly {
public:
    explicit MPoly(const PolyRing& ring);  // zero
    MPoly(const PolyRing& ring, const mpq_class& value);
    MPoly(const MPoly& other);
    MPoly(MPoly&& other) noexcept;
    MPoly& operator=(const MPoly& other);
    MPoly& operator=(MPoly&& other) noexcept;
    ~MPoly();

    fmpq_mpoly_struct* get() { return poly_; }
    const fmpq_mpoly_struct* get() const { return poly_; }
    const PolyRing& ring() const { return *ring_; }

    long terms() const;
    long degree() const;  // total degree; -1 for zero
    bool is_zero() const;
    bool is_constant() const;
    bool operator==(const MPoly& other) const;

private:
    const PolyRing* ring_;
    fmpq_mpoly_t poly_;
};

// Throws LimitError("polynomial too large: " + what), naming the limits' documentation.
[[noreturn]] void polynomial_too_large(const std::string& what);
// Throws LimitError when a degree or a power's exponent is more than limits::max_poly_degree.
void check_degree(double degree);

// generator(i)^k; k within limits::max_poly_degree.
MPoly generator_power(const PolyRing& ring, long index, unsigned long k);

// Arithmetic within the limits: each throws LimitError naming the limit a result would exceed.
MPoly add(const MPoly& a, const MPoly& b);
MPoly multiply(const MPoly& a, const MPoly& b);
MPoly power(const MPoly& a, unsigned long k);
// The exact quotient a / b when b divides a, else nothing.
std::optional<MPoly> divide_exactly(const MPoly& a, const MPoly& b);
MPoly gcd(const MPoly& a, const MPoly& b);

// p = content * primitive: the primitive part has coprime integer coefficients and a positive
// leading coefficient (FLINT's own representation), so equal bases compare equal.
struct ContentSplit {
    mpq_class content;
    MPoly primitive;
};
ContentSplit split_content(const MPoly& p);

mpq_class to_mpq(const fmpq_t q);

// The canonical expression of p: a sum of coefficient * product of generator powers.
core::Expr to_expr(const MPoly& p);

}  // namespace nabla::simplify

// factor.cpp — factor: numerator and denominator as products of irreducible polynomials over Z.
#include "simplify/algebra.hpp"

#include "core/build.hpp"
#include "simplify/fraction.hpp"

#include <flint/fmpq_mpoly_factor.h>

namespace nabla::simplify {

namespace {

using core::Expr;

// An fmpq_mpoly_factor_t freed on every path out.
class Factorization {
public:
    explicit Factorization(const PolyRing& ring) : ring_(ring) { fmpq_mpoly_factor_init(f_, ring.ctx()); }
    ~Factorization() { fmpq_mpoly_factor_clear(f_, ring_.ctx()); }
    Factorization(const Factorization&) = delete;
    Factorization& operator=(const Factorization&) = delete;
    fmpq_mpoly_factor_struct* get() { return f_; }

private:
    const PolyRing& ring_;
    fmpq_mpoly_factor_t f_;
};

// Appends the factors of p^k (k = -1 for a denominator) and multiplies their constant into c.
void append_factors(const MPoly& p, long k, mpq_class& c, std::vector<Expr>& factors) {
    const PolyRing& ring = p.ring();
    // One FLINT call that cannot be interrupted; its input is within the limits already.
    ring.charge(static_cast<double>(p.terms()) * static_cast<double>(p.degree() + 1));
    Factorization f(ring);
    // Bases irreducible over Z, primitive, with positive leading coefficients.
    if (!fmpq_mpoly_factor(f.get(), p.get(), ring.ctx()) ||
        !fmpq_mpoly_factor_make_integral(f.get(), ring.ctx()))
        polynomial_too_large("FLINT could not factor it");
    mpq_class constant = to_mpq(f.get()->constant);
    c *= k > 0 ? constant : 1 / constant;
    MPoly base(ring);
    for (slong i = 0; i < f.get()->num; ++i) {
        fmpq_mpoly_set(base.get(), f.get()->poly + i, ring.ctx());
        const long exponent = static_cast<long>(fmpz_get_si(f.get()->exp + i)) * k;
        factors.push_back(core::pow(to_expr(base), core::num(exponent)));
    }
}

}  // namespace

Expr factor(const Expr& e) {
    const FractionForm form = fraction_form(e);
    const Fraction& f = form.value;
    if (f.numerator.is_zero()) return core::zero();
    mpq_class c = 1;
    std::vector<Expr> factors;
    append_factors(f.numerator, 1, c, factors);
    // Each base on its own: the factors of a product are the factors of its parts.
    for (const auto& [base, k] : f.denominator) {
        mpq_class base_constant = 1;
        std::vector<Expr> base_factors;
        append_factors(base, -1, base_constant, base_factors);
        for (unsigned long i = 0; i < k; ++i) c *= base_constant;
        for (const Expr& b : base_factors) factors.push_back(core::pow(b, core::num(static_cast<long>(k))));
    }
    factors.push_back(core::num(c));
    return core::mul(std::move(factors));
}

}  // namespace nabla::simplify

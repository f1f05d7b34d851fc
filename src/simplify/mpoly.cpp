// mpoly.cpp — the FLINT calls behind MPoly, each after its size checks.
#include "simplify/mpoly.hpp"

#include "core/build.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"

#include <cmath>
#include <string>
#include <utility>

namespace nabla::simplify {

namespace {

using core::Expr;

// An fmpq_t freed on every path out, exceptions included.
struct Fmpq {
    Fmpq() { fmpq_init(q); }
    ~Fmpq() { fmpq_clear(q); }
    Fmpq(const Fmpq&) = delete;
    Fmpq& operator=(const Fmpq&) = delete;
    fmpq_t q;
};

void check_terms(long terms) {
    if (terms > limits::max_poly_terms)
        polynomial_too_large("more than " + std::to_string(limits::max_poly_terms) + " terms");
}

void check_bits(double bits) {
    if (bits > static_cast<double>(limits::max_poly_coefficient_bits))
        polynomial_too_large("coefficients of more than " +
                             std::to_string(limits::max_poly_coefficient_bits) + " bits");
}

// The bits of the largest coefficient, numerator and denominator together.
double coefficient_bits(const MPoly& p) {
    if (p.is_zero()) return 0;
    const fmpq* c = p.get()->content;
    return static_cast<double>(fmpz_bits(fmpq_numref(c)) + fmpz_bits(fmpq_denref(c))) +
           static_cast<double>(std::labs(fmpz_mpoly_max_bits(p.get()->zpoly)));
}

// The number of terms of a product of k polynomials of n terms at most: C(n + k - 1, k).
double multinomial_terms(long n, unsigned long k) {
    double count = 1;
    for (unsigned long i = 1; i <= k && count <= static_cast<double>(limits::max_poly_terms); ++i)
        count = count * static_cast<double>(n - 1 + static_cast<long>(i)) / static_cast<double>(i);
    return count;
}

}  // namespace

void polynomial_too_large(const std::string& what) {
    throw LimitError("polynomial too large: " + what + " (docs/simplify.md lists the limits)");
}

void check_degree(double degree) {
    if (degree > static_cast<double>(limits::max_poly_degree))
        polynomial_too_large("degree " + std::to_string(static_cast<long long>(degree)) + " is more than " +
                             std::to_string(limits::max_poly_degree));
}

PolyRing::PolyRing(std::vector<Expr> generators) : generators_(std::move(generators)) {
    if (static_cast<long>(generators_.size()) > limits::max_poly_generators)
        polynomial_too_large("more than " + std::to_string(limits::max_poly_generators) +
                             " symbols and other atoms (generators)");
    // FLINT wants at least one variable; an unused one costs nothing.
    fmpq_mpoly_ctx_init(ctx_, std::max<slong>(1, static_cast<slong>(generators_.size())), ORD_LEX);
}

PolyRing::~PolyRing() { fmpq_mpoly_ctx_clear(ctx_); }

void PolyRing::charge(double terms) const {
    core::check_cancel();
    work_ += terms;
    if (work_ > limits::max_poly_work)
        polynomial_too_large("more than " + std::to_string(static_cast<long long>(limits::max_poly_work)) +
                             " term operations in one computation");
}

MPoly::MPoly(const PolyRing& ring) : ring_(&ring) { fmpq_mpoly_init(poly_, ring.ctx()); }

MPoly::MPoly(const PolyRing& ring, const mpq_class& value) : MPoly(ring) {
    Fmpq q;
    fmpq_set_mpq(q.q, value.get_mpq_t());
    fmpq_mpoly_set_fmpq(poly_, q.q, ring.ctx());
}

MPoly::MPoly(const MPoly& other) : MPoly(*other.ring_) { fmpq_mpoly_set(poly_, other.poly_, ring_->ctx()); }

MPoly::MPoly(MPoly&& other) noexcept : MPoly(*other.ring_) {
    fmpq_mpoly_swap(poly_, other.poly_, ring_->ctx());
}

MPoly& MPoly::operator=(const MPoly& other) {
    if (this != &other) fmpq_mpoly_set(poly_, other.poly_, ring_->ctx());
    return *this;
}

MPoly& MPoly::operator=(MPoly&& other) noexcept {
    fmpq_mpoly_swap(poly_, other.poly_, ring_->ctx());
    return *this;
}

MPoly::~MPoly() { fmpq_mpoly_clear(poly_, ring_->ctx()); }

long MPoly::terms() const { return fmpq_mpoly_length(poly_, ring_->ctx()); }

long MPoly::degree() const { return fmpq_mpoly_total_degree_si(poly_, ring_->ctx()); }

bool MPoly::is_zero() const { return fmpq_mpoly_is_zero(poly_, ring_->ctx()); }

bool MPoly::is_constant() const { return fmpq_mpoly_is_fmpq(poly_, ring_->ctx()); }

bool MPoly::operator==(const MPoly& other) const {
    return fmpq_mpoly_equal(poly_, other.poly_, ring_->ctx());
}

MPoly generator_power(const PolyRing& ring, long index, unsigned long k) {
    check_degree(static_cast<double>(k));
    MPoly p(ring);
    fmpq_mpoly_gen(p.get(), index, ring.ctx());
    if (!fmpq_mpoly_pow_ui(p.get(), p.get(), k, ring.ctx())) polynomial_too_large("exponent overflow");
    return p;
}

MPoly add(const MPoly& a, const MPoly& b) {
    a.ring().charge(static_cast<double>(a.terms() + b.terms()));
    MPoly sum(a.ring());
    fmpq_mpoly_add(sum.get(), a.get(), b.get(), a.ring().ctx());
    check_terms(sum.terms());
    check_bits(coefficient_bits(sum));
    return sum;
}

MPoly multiply(const MPoly& a, const MPoly& b) {
    if (a.is_zero() || b.is_zero()) return MPoly(a.ring());
    a.ring().charge(static_cast<double>(a.terms()) * static_cast<double>(b.terms()));
    check_degree(static_cast<double>(a.degree()) + static_cast<double>(b.degree()));
    check_bits(coefficient_bits(a) + coefficient_bits(b) +
               std::log2(static_cast<double>(std::min(a.terms(), b.terms()))));
    MPoly product(a.ring());
    fmpq_mpoly_mul(product.get(), a.get(), b.get(), a.ring().ctx());
    check_terms(product.terms());
    return product;
}

MPoly power(const MPoly& a, unsigned long k) {
    if (k == 0) return MPoly(a.ring(), 1);
    if (a.is_zero() || k == 1) return a;
    const double n = static_cast<double>(a.terms());
    check_degree(static_cast<double>(a.degree()) * static_cast<double>(k));
    // Every coefficient of a^k is a sum of at most n^k products of k coefficients of a.
    check_bits(static_cast<double>(k) * (coefficient_bits(a) + std::log2(n)));
    const double bound = multinomial_terms(a.terms(), k);
    if (bound <= static_cast<double>(limits::max_poly_terms)) {
        a.ring().charge(bound * n);
        MPoly result(a.ring());
        if (!fmpq_mpoly_pow_ui(result.get(), a.get(), k, a.ring().ctx()))
            polynomial_too_large("exponent overflow");
        return result;
    }
    // The bound may be far above the truth ((1 + x + x^2)^k has 2k + 1 terms): multiply step
    // by step, each step checked and interruptible.
    MPoly result = a;
    for (unsigned long i = 1; i < k; ++i) result = multiply(result, a);
    return result;
}

std::optional<MPoly> divide_exactly(const MPoly& a, const MPoly& b) {
    a.ring().charge(static_cast<double>(a.terms()) * static_cast<double>(b.terms()));
    MPoly quotient(a.ring());
    if (!fmpq_mpoly_divides(quotient.get(), a.get(), b.get(), a.ring().ctx())) return std::nullopt;
    return quotient;
}

MPoly gcd(const MPoly& a, const MPoly& b) {
    a.ring().charge(static_cast<double>(a.terms()) * static_cast<double>(b.terms()));
    MPoly g(a.ring());
    if (!fmpq_mpoly_gcd(g.get(), a.get(), b.get(), a.ring().ctx()))
        polynomial_too_large("the gcd could not be computed");
    return g;
}

ContentSplit split_content(const MPoly& p) {
    ContentSplit s{mpq_class(0), p};
    if (p.is_zero()) return s;
    s.content = to_mpq(p.get()->content);
    fmpq_one(s.primitive.get()->content);
    return s;
}

mpq_class to_mpq(const fmpq_t q) {
    mpq_class out;
    fmpq_get_mpq(out.get_mpq_t(), q);
    return out;
}

Expr to_expr(const MPoly& p) {
    const PolyRing& ring = p.ring();
    const std::vector<Expr>& generators = ring.generators();
    std::vector<unsigned long> exponents(std::max<std::size_t>(1, generators.size()));
    std::vector<Expr> terms;
    terms.reserve(static_cast<std::size_t>(p.terms()));
    Fmpq c;
    for (slong i = 0; i < p.terms(); ++i) {
        core::check_cancel();
        fmpq_mpoly_get_term_coeff_fmpq(c.q, p.get(), i, ring.ctx());
        fmpq_mpoly_get_term_exp_ui(exponents.data(), p.get(), i, ring.ctx());
        std::vector<Expr> factors{core::num(to_mpq(c.q))};
        for (std::size_t v = 0; v < generators.size(); ++v)
            if (exponents[v] != 0)
                factors.push_back(core::pow(generators[v], core::num(static_cast<long>(exponents[v]))));
        terms.push_back(core::mul(std::move(factors)));
    }
    return core::add(std::move(terms));
}

}  // namespace nabla::simplify

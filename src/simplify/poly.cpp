// poly.cpp — univariate polynomial arithmetic over Q for the cancel rule.
#include "simplify/poly.hpp"

#include "core/build.hpp"
#include "core/number.hpp"

#include <algorithm>
#include <utility>

namespace nabla::simplify {

namespace {

using core::Expr;
using core::Kind;

// Sub-expression nesting that to_poly follows; canonical polynomials are far shallower.
constexpr int max_poly_nesting = 200;

void trim(Poly& p) {
    while (!p.c.empty() && sgn(p.c.back()) == 0) p.c.pop_back();
}

bool fits(const Poly& p) {
    if (p.degree() > max_poly_degree) return false;
    return std::all_of(p.c.begin(), p.c.end(),
                       [](const mpq_class& q) { return core::bit_size(q) <= max_coefficient_bits; });
}

std::optional<Poly> poly_power(const Poly& base, unsigned long k) {
    if (base.degree() > 0 && static_cast<unsigned long>(base.degree()) * k > max_poly_degree)
        return std::nullopt;
    Poly result = poly_constant(1);
    for (unsigned long i = 0; i < k; ++i) {
        auto next = poly_mul(result, base);
        if (!next) return std::nullopt;
        result = std::move(*next);
    }
    return result;
}

std::optional<Poly> to_poly_at(const Expr& e, const Expr& var, int nesting) {
    if (nesting > max_poly_nesting) return std::nullopt;
    switch (e.kind()) {
    case Kind::Number: {
        Poly p = poly_constant(e.value());
        if (!fits(p)) return std::nullopt;
        return p;
    }
    case Kind::Symbol:
        if (!(e == var)) return std::nullopt;
        return Poly{{mpq_class(0), mpq_class(1)}};
    case Kind::Constant:
    case Kind::Call:
        return std::nullopt;
    case Kind::Add: {
        Poly sum;
        for (const Expr& t : e.args()) {
            auto p = to_poly_at(t, var, nesting + 1);
            if (!p) return std::nullopt;
            sum = poly_add(sum, *p);
        }
        if (!fits(sum)) return std::nullopt;
        return sum;
    }
    case Kind::Mul: {
        Poly product = poly_constant(1);
        for (const Expr& f : e.args()) {
            auto p = to_poly_at(f, var, nesting + 1);
            if (!p) return std::nullopt;
            auto next = poly_mul(product, *p);
            if (!next) return std::nullopt;
            product = std::move(*next);
        }
        return product;
    }
    case Kind::Pow: {
        const Expr& k = e.arg(1);
        if (!k.is_integer() || sgn(k.value()) < 0 || k.value() > max_poly_degree) return std::nullopt;
        auto base = to_poly_at(e.arg(0), var, nesting + 1);
        if (!base) return std::nullopt;
        return poly_power(*base, k.value().get_num().get_ui());
    }
    }
    return std::nullopt;
}

}  // namespace

Poly poly_constant(const mpq_class& value) {
    Poly p{{value}};
    trim(p);
    return p;
}

std::optional<Poly> to_poly(const Expr& e, const Expr& var) { return to_poly_at(e, var, 0); }

Expr from_poly(const Poly& p, const Expr& var) {
    std::vector<Expr> terms;
    for (std::size_t k = 0; k < p.c.size(); ++k) {
        if (sgn(p.c[k]) == 0) continue;
        terms.push_back(core::mul(core::num(p.c[k]), core::pow(var, core::num(static_cast<long>(k)))));
    }
    return core::add(std::move(terms));
}

Poly poly_add(const Poly& a, const Poly& b) {
    Poly r;
    r.c.resize(std::max(a.c.size(), b.c.size()));
    for (std::size_t i = 0; i < a.c.size(); ++i) r.c[i] += a.c[i];
    for (std::size_t i = 0; i < b.c.size(); ++i) r.c[i] += b.c[i];
    trim(r);
    return r;
}

std::optional<Poly> poly_mul(const Poly& a, const Poly& b) {
    if (a.is_zero() || b.is_zero()) return Poly{};
    if (a.degree() + b.degree() > max_poly_degree) return std::nullopt;
    Poly r;
    r.c.assign(a.c.size() + b.c.size() - 1, mpq_class(0));
    for (std::size_t i = 0; i < a.c.size(); ++i)
        for (std::size_t j = 0; j < b.c.size(); ++j) r.c[i + j] += a.c[i] * b.c[j];
    trim(r);
    if (!fits(r)) return std::nullopt;
    return r;
}

PolyDivision poly_divide(const Poly& a, const Poly& b) {
    PolyDivision d{Poly{}, a};
    if (a.degree() < b.degree()) return d;
    d.quotient.c.assign(static_cast<std::size_t>(a.degree() - b.degree() + 1), mpq_class(0));
    const mpq_class& lead = b.c.back();
    Poly& r = d.remainder;
    while (!r.is_zero() && r.degree() >= b.degree()) {
        const int shift = r.degree() - b.degree();
        const mpq_class factor = r.c.back() / lead;
        d.quotient.c[static_cast<std::size_t>(shift)] = factor;
        for (std::size_t i = 0; i < b.c.size(); ++i) r.c[i + static_cast<std::size_t>(shift)] -= factor * b.c[i];
        r.c.pop_back();  // exactly zero by construction
        trim(r);
    }
    trim(d.quotient);
    return d;
}

std::optional<Poly> poly_gcd(const Poly& a, const Poly& b) {
    Poly x = a;
    Poly y = b;
    while (!y.is_zero()) {
        Poly r = poly_divide(x, y).remainder;
        // Monic remainders keep coefficient growth in check.
        if (!r.is_zero()) {
            const mpq_class lead = r.c.back();
            for (mpq_class& q : r.c) q /= lead;
        }
        if (!fits(r)) return std::nullopt;
        x = std::move(y);
        y = std::move(r);
    }
    if (!x.is_zero()) {
        const mpq_class lead = x.c.back();
        for (mpq_class& q : x.c) q /= lead;
    }
    return x;
}

}  // namespace nabla::simplify

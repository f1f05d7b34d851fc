// trig.cpp — rules "tan-to-sin-cos", "pythagoras" and "sin-cos-to-tan".
#include "simplify/rules.hpp"

#include "core/build.hpp"

#include <map>
#include <utility>
#include <vector>

namespace nabla::simplify {

namespace {

using core::Expr;
using core::Func;
using core::Kind;

// tan-to-sin-cos looks this far below the node: factors of terms, and powers of those.
constexpr int tan_search_depth = 3;

bool contains_tan(const Expr& e, int depth) {
    if (e.is_call(Func::Tan)) return true;
    if (depth == 0 || !(e.is(Kind::Add) || e.is(Kind::Mul) || e.is(Kind::Pow))) return false;
    if (e.is(Kind::Pow)) return contains_tan(e.arg(0), depth - 1);
    for (const Expr& a : e.args())
        if (contains_tan(a, depth - 1)) return true;
    return false;
}

Expr replace_tan(const Expr& e, int depth, bool& changed) {
    if (e.is_call(Func::Tan)) {
        changed = true;
        const Expr& u = e.arg(0);
        return core::div(core::call(Func::Sin, u), core::call(Func::Cos, u));
    }
    if (depth == 0) return e;
    switch (e.kind()) {
    case Kind::Add:
    case Kind::Mul: {
        std::vector<Expr> args;
        for (const Expr& a : e.args()) args.push_back(replace_tan(a, depth - 1, changed));
        return e.is(Kind::Add) ? core::add(std::move(args)) : core::mul(std::move(args));
    }
    case Kind::Pow: return core::pow(replace_tan(e.arg(0), depth - 1, changed), e.arg(1));
    default: return e;
    }
}

// A sum's term as coef * rest, where rest may hold one sin(u)^2 or cos(u)^2 factor.
struct Term {
    mpq_class coef;
    Expr rest;           // the term without its coefficient and without the square
    Expr u;              // argument of the square, or null for a plain term
    bool is_sin = false;
};

Term split_term(const Expr& t) {
    auto [coef, body] = core::split_coefficient(t);
    Term out{coef, body, Expr(), false};
    std::span<const Expr> factors;
    if (body.is(Kind::Mul)) factors = body.args();
    auto is_square = [](const Expr& f) {
        return f.is(Kind::Pow) && f.arg(1) == core::num(2)
               && (f.arg(0).is_call(Func::Sin) || f.arg(0).is_call(Func::Cos));
    };
    if (is_square(body)) {
        out.u = body.arg(0).arg(0);
        out.is_sin = body.arg(0).is_call(Func::Sin);
        out.rest = core::one();
        return out;
    }
    for (std::size_t i = 0; i < factors.size(); ++i) {
        if (!is_square(factors[i])) continue;
        out.u = factors[i].arg(0).arg(0);
        out.is_sin = factors[i].arg(0).is_call(Func::Sin);
        std::vector<Expr> others;
        for (std::size_t j = 0; j < factors.size(); ++j)
            if (j != i) others.push_back(factors[j]);
        out.rest = core::mul(std::move(others));
        return out;
    }
    return out;
}

// sin(u)^k or cos(u)^k with k a nonzero integer: (u, k, is_sin).
struct TrigPower {
    Expr u;
    mpz_class k;
    bool is_sin = false;
};

std::optional<TrigPower> trig_power(const Expr& f) {
    const bool is_pow = f.is(Kind::Pow) && f.arg(1).is_integer();
    const Expr& base = is_pow ? f.arg(0) : f;
    if (!base.is_call(Func::Sin) && !base.is_call(Func::Cos)) return std::nullopt;
    return TrigPower{base.arg(0), is_pow ? f.arg(1).value().get_num() : mpz_class(1),
                     base.is_call(Func::Sin)};
}

}  // namespace

std::optional<Expr> rule_tan_to_sin_cos(const Expr& e) {
    if ((!e.is(Kind::Add) && !e.is(Kind::Mul)) || e.size() > max_rule_terms) return std::nullopt;
    if (!contains_tan(e, tan_search_depth)) return std::nullopt;
    bool changed = false;
    Expr out = replace_tan(e, tan_search_depth, changed);
    if (!changed) return std::nullopt;
    return out;
}

std::optional<Expr> rule_pythagoras(const Expr& e) {
    if (!e.is(Kind::Add) || e.size() > max_rule_terms) return std::nullopt;
    std::vector<Term> terms;
    for (const Expr& t : e.args()) terms.push_back(split_term(t));
    // Plain terms by their rest, so that d*R can absorb or supply a*R*(sin^2 + cos^2).
    std::map<const core::Node*, std::size_t> plain;
    for (std::size_t i = 0; i < terms.size(); ++i)
        if (terms[i].u.is_null()) plain.emplace(terms[i].rest.id(), i);

    const double size_before = core::tree_size(std::span<const Expr>(&e, 1));
    for (std::size_t i = 0; i < terms.size(); ++i) {
        if (terms[i].u.is_null()) continue;
        // The group of terms i belongs to: its sin and cos square and the plain term.
        std::optional<std::size_t> s, c, d;
        (terms[i].is_sin ? s : c) = i;
        for (std::size_t j = i + 1; j < terms.size(); ++j)
            if (!terms[j].u.is_null() && terms[j].is_sin != terms[i].is_sin && terms[j].u == terms[i].u
                && terms[j].rest == terms[i].rest) {
                (terms[j].is_sin ? s : c) = j;
                break;
            }
        if (auto it = plain.find(terms[i].rest.id()); it != plain.end()) d = it->second;
        if (int(s.has_value()) + int(c.has_value()) + int(d.has_value()) < 2) continue;

        const mpq_class a = s ? terms[*s].coef : mpq_class(0);
        const mpq_class b = c ? terms[*c].coef : mpq_class(0);
        const mpq_class p = d ? terms[*d].coef : mpq_class(0);
        const Expr& u = terms[i].u;
        const Expr& rest = terms[i].rest;
        std::vector<Expr> others;
        for (std::size_t j = 0; j < terms.size(); ++j)
            if (j != s && j != c && j != d) others.push_back(e.arg(j));
        // a*R*s^2 + b*R*c^2 + p*R = (a - t)*R*s^2 + (b - t)*R*c^2 + (p + t)*R for every t.
        std::optional<Expr> best;
        double best_size = size_before;
        for (const mpq_class& t : {b, a, mpq_class(-p)}) {
            std::vector<Expr> v = others;
            v.push_back(core::mul({core::num(a - t), rest, core::pow(core::call(Func::Sin, u), core::num(2))}));
            v.push_back(core::mul({core::num(b - t), rest, core::pow(core::call(Func::Cos, u), core::num(2))}));
            v.push_back(core::mul(core::num(p + t), rest));
            Expr candidate = core::add(std::move(v));
            const double size = core::tree_size(std::span<const Expr>(&candidate, 1));
            if (size < best_size) {
                best = candidate;
                best_size = size;
            }
        }
        if (best) return best;
    }
    return std::nullopt;
}

std::optional<Expr> rule_sin_cos_to_tan(const Expr& e) {
    if (!e.is(Kind::Mul) || e.size() > max_rule_terms) return std::nullopt;
    std::vector<Expr> factors(e.args().begin(), e.args().end());
    for (std::size_t i = 0; i < factors.size(); ++i) {
        const auto si = trig_power(factors[i]);
        if (!si || !si->is_sin || si->k <= 0) continue;
        for (std::size_t j = 0; j < factors.size(); ++j) {
            const auto cj = trig_power(factors[j]);
            if (!cj || cj->is_sin || cj->k >= 0 || !(cj->u == si->u)) continue;
            // sin^k * cos^-m = tan^n * sin^(k-n) * cos^(n-m), n = min(k, m): defined where
            // the input is, since both need cos(u) != 0.
            const mpz_class n = si->k < -cj->k ? si->k : mpz_class(-cj->k);
            const Expr& u = si->u;
            const Expr nn = core::num(mpq_class(n));
            const Expr sin_k = core::pow(core::call(Func::Sin, u), core::num(mpq_class(si->k - n)));
            const Expr cos_m = core::pow(core::call(Func::Cos, u), core::num(mpq_class(cj->k + n)));
            factors[i] = sin_k;
            factors[j] = cos_m;
            factors.push_back(core::pow(core::call(Func::Tan, u), nn));
            return core::mul(std::move(factors));
        }
    }
    return std::nullopt;
}

}  // namespace nabla::simplify

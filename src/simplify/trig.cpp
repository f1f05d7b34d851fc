// trig.cpp — rules "tan-to-sin-cos", "pythagoras", "cos-double-angle", "sin-double-angle" and
// "sin-cos-to-tan".
#include "simplify/rules.hpp"

#include "core/build.hpp"
#include "simplify/terms.hpp"

#include <utility>
#include <vector>

namespace nabla::simplify {

namespace {

using core::Expr;
using core::Func;
using core::Kind;

// tan-to-sin-cos looks this far below the node: factors of terms, and powers of those.
constexpr int tan_search_depth = 3;
// sin(u)^k*cos(u)^k is written as a power of sin(2u) up to this k (the constant is 2^-k).
constexpr long max_double_angle_power = 64;

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

std::optional<PairFactor> classify_sin_cos_square(const Expr& f) {
    if (auto s = classify_power(f, Func::Sin, 2, 0)) return s;
    return classify_power(f, Func::Cos, 2, 1);
}

void propose_pythagoras(const TermGroup& g, std::vector<Expr>& out) {
    propose_from_unit_identity(g, 1, power_of(Func::Sin, g.u, 2), 1, power_of(Func::Cos, g.u, 2), out);
}

// sin(u)^2 = (1 - cos(2u))/2 and cos(u)^2 = (1 + cos(2u))/2.
void propose_cos_double_angle(const TermGroup& g, std::vector<Expr>& out) {
    const Expr cos_2u = core::call(Func::Cos, core::mul(core::num(2), g.u));
    out.push_back(core::add(g.times((g.a + g.b) / 2 + g.p, core::one()), g.times((g.b - g.a) / 2, cos_2u)));
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

// sin(u)^k * cos(u)^k -> sin(2u)^k / 2^k in a product.
std::optional<Expr> sin_cos_to_double_angle(const Expr& term) {
    if (!term.is(Kind::Mul) || term.size() > max_rule_terms) return std::nullopt;
    std::vector<Expr> factors(term.args().begin(), term.args().end());
    for (std::size_t i = 0; i < factors.size(); ++i) {
        const auto si = trig_power(factors[i]);
        if (!si || !si->is_sin || si->k <= 0 || si->k > max_double_angle_power) continue;
        for (std::size_t j = 0; j < factors.size(); ++j) {
            const auto cj = trig_power(factors[j]);
            if (!cj || cj->is_sin || cj->k != si->k || !(cj->u == si->u)) continue;
            const long k = si->k.get_si();
            mpz_class two_to_k;
            mpz_ui_pow_ui(two_to_k.get_mpz_t(), 2, static_cast<unsigned long>(k));
            factors[i] = power_of(Func::Sin, core::mul(core::num(2), si->u), k);
            factors[j] = core::num(mpq_class(1, two_to_k));
            return core::mul(std::move(factors));
        }
    }
    return std::nullopt;
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
    return rewrite_term_groups(e, &classify_sin_cos_square, &propose_pythagoras, true);
}

std::optional<Expr> rule_cos_double_angle(const Expr& e) {
    return rewrite_term_groups(e, &classify_sin_cos_square, &propose_cos_double_angle, true);
}

std::optional<Expr> rule_sin_double_angle(const Expr& e) {
    return rewrite_each_term(e, &sin_cos_to_double_angle);
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

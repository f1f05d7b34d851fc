// piecewise.cpp — rules "max-min", "relu-reflection", "heaviside-sign", "abs-sign" and
// "abs-even-power". Each holds at the kinks too: sign(0) = 0, heaviside(0) = 1/2, relu(0) = 0.
#include "simplify/rules.hpp"

#include "simplify/terms.hpp"

#include <map>

namespace nabla::simplify {

namespace {

using core::Expr;
using core::Func;
using core::Kind;

std::optional<PairFactor> classify_max_min(const Expr& f) {
    if (!f.is_call(Func::Max) && !f.is_call(Func::Min)) return std::nullopt;
    return PairFactor{f.is_call(Func::Max) ? 0 : 1, f.arg(0), f.arg(1)};
}

// max(u, v) + min(u, v) = u + v and max(u, v) - min(u, v) = abs(u - v), so
// a*max + b*min = (a + b)/2*(u + v) + (a - b)/2*abs(u - v).
void propose_max_min(const TermGroup& g, std::vector<Expr>& out) {
    out.push_back(core::add(g.times((g.a + g.b) / 2, core::add(g.u, g.v)),
                            g.times((g.a - g.b) / 2, core::call(Func::Abs, core::sub(g.u, g.v)))));
}

// relu(u) = (abs(u) + u)/2 and relu(-u) = (abs(u) - u)/2.
void propose_relu_reflection(const TermGroup& g, std::vector<Expr>& out) {
    out.push_back(core::add(g.times((g.a + g.b) / 2, core::call(Func::Abs, g.u)), g.times((g.a - g.b) / 2, g.u)));
}

// heaviside(u) + heaviside(-u) = 1 and heaviside(u) - heaviside(-u) = sign(u), at u = 0 too
// (1/2 + 1/2 and 1/2 - 1/2): heaviside(+-u) = (1 +- sign(u))/2.
void propose_heaviside_sign(const TermGroup& g, std::vector<Expr>& out) {
    propose_from_unit_identity(g, 1, core::call(Func::Heaviside, g.u), 1,
                               core::call(Func::Heaviside, core::neg(g.u)), out);
    out.push_back(core::add(g.times((g.a + g.b) / 2 + g.p, core::one()),
                            g.times((g.a - g.b) / 2, core::call(Func::Sign, g.u))));
}

// The argument u of a factor f(u) or f(u)^k, or null.
Expr argument_of(const Expr& factor, Func f, long k) {
    auto pf = classify_power(factor, f, k, 0);
    return pf ? pf->u : Expr();
}

}  // namespace

std::optional<Expr> rule_max_min(const Expr& e) {
    return rewrite_term_groups(e, &classify_max_min, &propose_max_min, false);
}

std::optional<Expr> rule_relu_reflection(const Expr& e) {
    return rewrite_term_groups(e, &classify_reflection<Func::Relu>, &propose_relu_reflection, false);
}

std::optional<Expr> rule_heaviside_sign(const Expr& e) {
    return rewrite_term_groups(e, &classify_reflection<Func::Heaviside>, &propose_heaviside_sign, true);
}

std::optional<Expr> rule_abs_sign(const Expr& e) {
    if (!e.is(Kind::Mul) || e.size() > max_rule_terms) return std::nullopt;
    std::vector<Expr> factors(e.args().begin(), e.args().end());
    // The factors abs(u), 1/abs(u), sign(u) and heaviside(u), each by its argument u.
    enum Role { Abs, InverseAbs, Sign, Heaviside, role_count };
    const std::pair<Func, long> role_shapes[role_count] = {
        {Func::Abs, 1}, {Func::Abs, -1}, {Func::Sign, 1}, {Func::Heaviside, 1}};
    std::map<const core::Node*, std::size_t> by_argument[role_count];
    for (std::size_t i = 0; i < factors.size(); ++i)
        for (int r = 0; r < role_count; ++r)
            if (Expr u = argument_of(factors[i], role_shapes[r].first, role_shapes[r].second); !u.is_null())
                by_argument[r].emplace(u.id(), i);

    std::vector<bool> used(factors.size(), false);
    bool changed = false;
    // Pairs factor i with the unused factor of `role` and argument u, which becomes 1.
    auto take_partner = [&](std::size_t i, Role role, const Expr& u) {
        auto it = by_argument[role].find(u.id());
        if (used[i] || it == by_argument[role].end() || it->second == i || used[it->second]) return false;
        used[i] = used[it->second] = true;
        factors[it->second] = core::one();
        changed = true;
        return true;
    };
    for (std::size_t i = 0; i < factors.size(); ++i) {
        const Expr f = factors[i];
        const bool is_inverse = f.is(Kind::Pow) && f.arg(1) == core::num(-1);
        if (f.is_call(Func::Abs) && take_partner(i, Sign, f.arg(0)))
            factors[i] = f.arg(0);  // abs(u)*sign(u) = u
        else if (take_partner(i, Sign, f))
            factors[i] = core::call(Func::Abs, f);  // u*sign(u) = abs(u)
        else if (take_partner(i, Heaviside, f))
            factors[i] = core::call(Func::Relu, f);  // u*heaviside(u) = relu(u)
        else if (take_partner(i, InverseAbs, f))
            factors[i] = core::call(Func::Sign, f);  // u/abs(u) = sign(u), where u != 0
        else if (is_inverse && take_partner(i, Abs, f.arg(0)))
            factors[i] = core::call(Func::Sign, f.arg(0));  // abs(u)/u = sign(u), where u != 0
    }
    if (!changed) return std::nullopt;
    return core::mul(std::move(factors));
}

std::optional<Expr> rule_abs_even_power(const Expr& e) {
    if (!e.is(Kind::Pow) || !e.arg(0).is_call(Func::Abs) || !e.arg(1).is_integer()) return std::nullopt;
    if (!mpz_even_p(e.arg(1).value().get_num_mpz_t())) return std::nullopt;
    return core::pow(e.arg(0).arg(0), e.arg(1));
}

}  // namespace nabla::simplify

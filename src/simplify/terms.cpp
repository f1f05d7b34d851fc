// terms.cpp — groups of related terms in a sum, and rewrites of single terms (terms.hpp).
#include "simplify/terms.hpp"

#include "simplify/rules.hpp"

#include <array>
#include <map>
#include <tuple>
#include <utility>

namespace nabla::simplify {

namespace {

using core::Expr;
using core::Kind;

double tree_size_of(const Expr& e) { return core::tree_size(std::span<const Expr>(&e, 1)); }

// The tree nodes `e` adds to a sum it is merged into: its terms', or none for 0.
double size_as_terms(const Expr& e) {
    if (e.is_zero()) return 0;
    if (!e.is(Kind::Add)) return tree_size_of(e);
    double size = 0;
    for (const Expr& t : e.args()) size += tree_size_of(t);
    return size;
}

// A term's body (without its coefficient) as its pair factor and the other factors.
struct Member {
    PairFactor factor;
    Expr rest;
};

std::optional<Member> find_member(const Expr& body, ClassifyFactor classify) {
    if (auto f = classify(body)) return Member{*f, core::one()};
    if (!body.is(Kind::Mul)) return std::nullopt;
    const auto factors = body.args();
    for (std::size_t i = 0; i < factors.size(); ++i) {
        auto f = classify(factors[i]);
        if (!f) continue;
        std::vector<Expr> others;
        for (std::size_t j = 0; j < factors.size(); ++j)
            if (j != i) others.push_back(factors[j]);
        return Member{*f, core::mul(std::move(others))};
    }
    return std::nullopt;
}

}  // namespace

std::optional<Expr> rewrite_term_groups(const Expr& sum, ClassifyFactor classify, ProposeRewrites propose,
                                        bool use_plain) {
    if (!sum.is(Kind::Add) || sum.size() > max_rule_terms) return std::nullopt;
    const auto terms = sum.args();
    std::vector<mpq_class> coefficients;
    std::vector<std::optional<Member>> members;
    // Groups in the order their first term appears, keyed by (u, v, R): their F and G terms.
    using Key = std::tuple<const core::Node*, const core::Node*, const core::Node*>;
    std::map<Key, std::size_t> group_index;
    std::vector<std::array<std::optional<std::size_t>, 2>> groups;
    std::map<const core::Node*, std::size_t> plain;  // R -> the term p*R
    for (std::size_t i = 0; i < terms.size(); ++i) {
        auto [coefficient, body] = core::split_coefficient(terms[i]);
        coefficients.push_back(coefficient);
        members.push_back(find_member(body, classify));
        if (!members.back()) {
            plain.emplace(body.id(), i);
            continue;
        }
        const Member& m = *members.back();
        const Key key{m.factor.u.id(), m.factor.v.id(), m.rest.id()};
        auto [it, inserted] = group_index.emplace(key, groups.size());
        if (inserted) groups.emplace_back();
        groups[it->second][m.factor.side] = i;
    }

    std::vector<bool> used(terms.size(), false);
    std::vector<Expr> out;
    for (const auto& [f, g] : groups) {
        const Member& m = *members[f ? *f : *g];
        std::optional<std::size_t> d;
        if (auto it = plain.find(m.rest.id()); use_plain && it != plain.end() && !used[it->second]) d = it->second;
        if (int(f.has_value()) + int(g.has_value()) + int(d.has_value()) < 2) continue;

        const auto coefficient = [&](std::optional<std::size_t> i) { return i ? coefficients[*i] : mpq_class(0); };
        const TermGroup group{coefficient(f), coefficient(g), coefficient(d), m.rest, m.factor.u, m.factor.v};
        std::vector<Expr> proposals;
        propose(group, proposals);
        double best_size = 0;
        for (auto i : {f, g, d})
            if (i) best_size += tree_size_of(terms[*i]);
        std::optional<Expr> best;
        for (Expr& p : proposals) {
            const double size = size_as_terms(p);
            if (size < best_size) {
                best_size = size;
                best = std::move(p);
            }
        }
        if (!best) continue;
        for (auto i : {f, g, d})
            if (i) used[*i] = true;
        out.push_back(std::move(*best));
    }
    if (out.empty()) return std::nullopt;
    for (std::size_t i = 0; i < terms.size(); ++i)
        if (!used[i]) out.push_back(terms[i]);
    return core::add(std::move(out));
}

void propose_from_unit_identity(const TermGroup& group, const mpq_class& alpha, const Expr& f,
                                const mpq_class& beta, const Expr& g, std::vector<Expr>& out) {
    const mpq_class removes_g = group.b / beta;
    const mpq_class removes_f = group.a / alpha;
    const mpq_class removes_plain = -group.p;
    for (const mpq_class& t : {removes_g, removes_f, removes_plain})
        out.push_back(core::add({group.times(group.a - t * alpha, f), group.times(group.b - t * beta, g),
                                 group.times(group.p + t, core::one())}));
}

Expr power_of(core::Func f, const Expr& u, long k) { return core::pow(core::call(f, u), core::num(k)); }

std::optional<PairFactor> classify_power(const Expr& factor, core::Func f, long k, int side) {
    if (k == 1) {
        if (!factor.is_call(f)) return std::nullopt;
        return PairFactor{side, factor.arg(0), Expr()};
    }
    if (!factor.is(Kind::Pow) || !factor.arg(0).is_call(f) || !(factor.arg(1) == core::num(k))) return std::nullopt;
    return PairFactor{side, factor.arg(0).arg(0), Expr()};
}

std::optional<Expr> rewrite_each_term(const Expr& e, RewriteTerm rewrite) {
    if (!e.is(Kind::Add)) return rewrite(e);
    if (e.size() > max_rule_terms) return std::nullopt;
    std::vector<Expr> terms;
    bool changed = false;
    for (const Expr& t : e.args()) {
        std::optional<Expr> r = rewrite(t);
        changed = changed || r.has_value();
        terms.push_back(r ? std::move(*r) : t);
    }
    if (!changed) return std::nullopt;
    return core::add(std::move(terms));
}

std::optional<Expr> rewrite_log_term(const Expr& term, RewriteLog rewrite) {
    auto [coefficient, body] = core::split_coefficient(term);
    if (!body.is_call(core::Func::Log)) return std::nullopt;
    std::optional<Expr> r = rewrite(body.arg(0));
    if (!r) return std::nullopt;
    return core::mul(core::num(coefficient), *r);
}

}  // namespace nabla::simplify

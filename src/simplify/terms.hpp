// terms.hpp — the shapes the identity rules look for in a sum: related terms and single terms.
//
// Most identities relate two functions of the same arguments: sin(u)^2 + cos(u)^2 = 1,
// max(u, v) + min(u, v) = u + v, sigmoid(u) + sigmoid(-u) = 1. In a sum they apply to a group
// a*R*F + b*R*G + p*R: terms that differ only in the factor F or G and in their coefficients,
// and, for identities equal to a number, the plain term p*R. Groups are found in one pass over
// the terms with a map (no pairwise search), so a rule stays cheap on long sums.
#pragma once

#include "core/build.hpp"

#include <optional>
#include <vector>

namespace nabla::simplify {

// A factor that is one side of an identity: F (side 0) or G (side 1) of the arguments (u, v);
// v is null for functions of one argument.
struct PairFactor {
    int side = 0;
    core::Expr u;
    core::Expr v;
};
using ClassifyFactor = std::optional<PairFactor> (*)(const core::Expr& factor);

// a*R*F + b*R*G + p*R in a sum; a coefficient is 0 when its term is absent.
struct TermGroup {
    mpq_class a, b, p;
    core::Expr rest;  // R
    core::Expr u, v;
    core::Expr times(const mpq_class& c, const core::Expr& f) const { return core::mul({core::num(c), rest, f}); }
};
// Appends expressions equal to the group's sum a*R*F + b*R*G + p*R.
using ProposeRewrites = void (*)(const TermGroup& group, std::vector<core::Expr>& out);

// `sum` with every group replaced by the smallest of its proposals, when that has fewer tree
// nodes than the group's terms. A group is an F-term and a G-term, or with `use_plain` also
// one of them with the plain term. Nothing when no group shrinks or `sum` is not a sum.
std::optional<core::Expr> rewrite_term_groups(const core::Expr& sum, ClassifyFactor classify,
                                              ProposeRewrites propose, bool use_plain);

// Proposals from an identity alpha*F + beta*G = 1: a*F + b*G + p equals
// (a - t*alpha)*F + (b - t*beta)*G + (p + t) for every t, and each t proposed removes one term.
void propose_from_unit_identity(const TermGroup& group, const mpq_class& alpha, const core::Expr& f,
                                const mpq_class& beta, const core::Expr& g, std::vector<core::Expr>& out);

// f(w) as side 0 of the pair (f(u), f(-u)) when w reads positive, side 1 with u = -w otherwise.
template <core::Func f>
std::optional<PairFactor> classify_reflection(const core::Expr& factor) {
    if (!factor.is_call(f)) return std::nullopt;
    const core::Expr& w = factor.arg(0);
    if (core::reads_negative(w)) return PairFactor{1, core::neg(w), core::Expr()};
    return PairFactor{0, w, core::Expr()};
}

// f(u)^k, and f(u)^k read as the pair factor of side `side` (k = 1 for f(u) itself).
core::Expr power_of(core::Func f, const core::Expr& u, long k);
std::optional<PairFactor> classify_power(const core::Expr& factor, core::Func f, long k, int side);

// A rewrite of single terms: e itself when it is not a sum, otherwise each term of the sum,
// the sum rebuilt with the terms that `rewrite` changed. Lets a rewrite that does not shrink
// its term on its own (-2*sin(x)*cos(x) -> -sin(2*x)) make a sum cancel.
using RewriteTerm = std::optional<core::Expr> (*)(const core::Expr& term);
std::optional<core::Expr> rewrite_each_term(const core::Expr& e, RewriteTerm rewrite);

// A term c*log(w) as c*rewrite(w), where rewrite(w) equals log(w); nothing for other terms.
using RewriteLog = std::optional<core::Expr> (*)(const core::Expr& w);
std::optional<core::Expr> rewrite_log_term(const core::Expr& term, RewriteLog rewrite);

}  // namespace nabla::simplify

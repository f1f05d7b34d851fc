// hyperbolic.cpp — rules "cosh-sinh", "cosh-double-angle", "tanh-cosh" and "exp-to-cosh-sinh".
#include "simplify/rules.hpp"

#include "simplify/terms.hpp"

namespace nabla::simplify {

namespace {

using core::Expr;
using core::Func;

std::optional<PairFactor> classify_sinh_cosh_square(const Expr& f) {
    if (auto s = classify_power(f, Func::Sinh, 2, 0)) return s;
    return classify_power(f, Func::Cosh, 2, 1);
}

// cosh(u)^2 - sinh(u)^2 = 1.
void propose_cosh_sinh(const TermGroup& g, std::vector<Expr>& out) {
    propose_from_unit_identity(g, -1, power_of(Func::Sinh, g.u, 2), 1, power_of(Func::Cosh, g.u, 2), out);
}

// sinh(u)^2 = (cosh(2u) - 1)/2 and cosh(u)^2 = (cosh(2u) + 1)/2.
void propose_cosh_double_angle(const TermGroup& g, std::vector<Expr>& out) {
    const Expr cosh_2u = core::call(Func::Cosh, core::mul(core::num(2), g.u));
    out.push_back(core::add(g.times((g.b - g.a) / 2 + g.p, core::one()), g.times((g.a + g.b) / 2, cosh_2u)));
}

std::optional<PairFactor> classify_tanh_square(const Expr& f) {
    if (auto t = classify_power(f, Func::Tanh, 2, 0)) return t;
    return classify_power(f, Func::Cosh, -2, 1);
}

// tanh(u)^2 + 1/cosh(u)^2 = 1.
void propose_tanh_cosh(const TermGroup& g, std::vector<Expr>& out) {
    propose_from_unit_identity(g, 1, power_of(Func::Tanh, g.u, 2), 1, power_of(Func::Cosh, g.u, -2), out);
}

// exp(u) = cosh(u) + sinh(u) and exp(-u) = cosh(u) - sinh(u).
void propose_cosh_sinh_from_exp(const TermGroup& g, std::vector<Expr>& out) {
    out.push_back(core::add(g.times(g.a + g.b, core::call(Func::Cosh, g.u)),
                            g.times(g.a - g.b, core::call(Func::Sinh, g.u))));
}

}  // namespace

std::optional<Expr> rule_cosh_sinh(const Expr& e) {
    return rewrite_term_groups(e, &classify_sinh_cosh_square, &propose_cosh_sinh, true);
}

std::optional<Expr> rule_cosh_double_angle(const Expr& e) {
    return rewrite_term_groups(e, &classify_sinh_cosh_square, &propose_cosh_double_angle, true);
}

std::optional<Expr> rule_tanh_cosh(const Expr& e) {
    return rewrite_term_groups(e, &classify_tanh_square, &propose_tanh_cosh, true);
}

std::optional<Expr> rule_exp_to_cosh_sinh(const Expr& e) {
    return rewrite_term_groups(e, &classify_reflection<Func::Exp>, &propose_cosh_sinh_from_exp, false);
}

}  // namespace nabla::simplify

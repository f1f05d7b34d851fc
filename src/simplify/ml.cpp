// ml.cpp — rules of the machine-learning functions: "sigmoid-complement", "sigmoid-from-exp",
// "exp-times-sigmoid", "sigmoid-derivative", "softplus-reflection" and "log-sigmoid".
// sigmoid(u) = 1/(1 + exp(-u)) and softplus(u) = log(1 + exp(u)), both defined on all reals.
#include "simplify/rules.hpp"

#include "simplify/terms.hpp"

namespace nabla::simplify {

namespace {

using core::Expr;
using core::Func;
using core::Kind;

// sigmoid(u) + sigmoid(-u) = 1.
void propose_sigmoid_complement(const TermGroup& g, std::vector<Expr>& out) {
    propose_from_unit_identity(g, 1, core::call(Func::Sigmoid, g.u), 1, core::call(Func::Sigmoid, core::neg(g.u)),
                               out);
}

// softplus(u) - softplus(-u) = u: a*F + b*G is (a + b)*F - b*u or (a + b)*G + a*u.
void propose_softplus_reflection(const TermGroup& g, std::vector<Expr>& out) {
    const Expr f = core::call(Func::Softplus, g.u);
    const Expr minus_f = core::call(Func::Softplus, core::neg(g.u));
    out.push_back(core::add(g.times(g.a + g.b, f), g.times(-g.b, g.u)));
    out.push_back(core::add(g.times(g.a + g.b, minus_f), g.times(g.a, g.u)));
}

std::optional<PairFactor> classify_sigmoid_and_square(const Expr& f) {
    if (auto s = classify_power(f, Func::Sigmoid, 1, 0)) return s;
    return classify_power(f, Func::Sigmoid, 2, 1);
}

// sigmoid(u) - sigmoid(u)^2 = sigmoid(u)*sigmoid(-u), the derivative of sigmoid.
void propose_sigmoid_derivative(const TermGroup& g, std::vector<Expr>& out) {
    const Expr s = core::call(Func::Sigmoid, g.u);
    const Expr derivative = core::mul(s, core::call(Func::Sigmoid, core::neg(g.u)));
    out.push_back(core::add(g.times(g.a + g.b, s), g.times(-g.b, derivative)));
}

// log(sigmoid(u)) = -softplus(-u) and log(1 + exp(u)) = softplus(u).
std::optional<Expr> log_as_softplus(const Expr& w) {
    if (w.is_call(Func::Sigmoid)) return core::neg(core::call(Func::Softplus, core::neg(w.arg(0))));
    if (w.is(Kind::Add) && w.size() == 2 && w.arg(0).is_one() && w.arg(1).is_call(Func::Exp))
        return core::call(Func::Softplus, w.arg(1).arg(0));
    return std::nullopt;
}

std::optional<Expr> log_term_as_softplus(const Expr& term) { return rewrite_log_term(term, &log_as_softplus); }

}  // namespace

std::optional<Expr> rule_sigmoid_complement(const Expr& e) {
    return rewrite_term_groups(e, &classify_reflection<Func::Sigmoid>, &propose_sigmoid_complement, true);
}

std::optional<Expr> rule_sigmoid_from_exp(const Expr& e) {
    // (1 + exp(w))^k = sigmoid(-w)^-k, for k < 0.
    if (!e.is(Kind::Pow) || !e.arg(1).is_number() || sgn(e.arg(1).value()) >= 0) return std::nullopt;
    const Expr& base = e.arg(0);
    if (!base.is(Kind::Add) || base.size() != 2 || !base.arg(0).is_one() || !base.arg(1).is_call(Func::Exp))
        return std::nullopt;
    return core::pow(core::call(Func::Sigmoid, core::neg(base.arg(1).arg(0))), core::neg(e.arg(1)));
}

std::optional<Expr> rule_exp_times_sigmoid(const Expr& e) {
    // exp(w)*sigmoid(-w) = exp(w)/(1 + exp(w)) = sigmoid(w).
    if (!e.is(Kind::Mul) || e.size() > max_rule_terms) return std::nullopt;
    for (std::size_t i = 0; i < e.size(); ++i) {
        if (!e.arg(i).is_call(Func::Exp)) continue;
        const Expr& w = e.arg(i).arg(0);
        const Expr partner = core::call(Func::Sigmoid, core::neg(w));
        for (std::size_t j = 0; j < e.size(); ++j) {
            if (!(e.arg(j) == partner)) continue;
            std::vector<Expr> factors(e.args().begin(), e.args().end());
            factors[i] = core::call(Func::Sigmoid, w);
            factors[j] = core::one();
            return core::mul(std::move(factors));
        }
    }
    return std::nullopt;
}

std::optional<Expr> rule_sigmoid_derivative(const Expr& e) {
    return rewrite_term_groups(e, &classify_sigmoid_and_square, &propose_sigmoid_derivative, false);
}

std::optional<Expr> rule_softplus_reflection(const Expr& e) {
    return rewrite_term_groups(e, &classify_reflection<Func::Softplus>, &propose_softplus_reflection, false);
}

std::optional<Expr> rule_log_sigmoid(const Expr& e) { return rewrite_each_term(e, &log_term_as_softplus); }

}  // namespace nabla::simplify

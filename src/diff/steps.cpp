// steps.cpp — records which rule differentiates each sub-expression, for students and teachers.
#include "diff/steps.hpp"

#include "core/build.hpp"
#include "diff/diff.hpp"
#include "diff/rules.hpp"

#include <unordered_set>

namespace nabla::diff {
namespace {

using core::Expr;
using core::Kind;

// Placeholder names contain a character no identifier can, so they never meet user symbols.
constexpr std::string_view placeholder_prefix = "#d";

class Recorder {
public:
    explicit Recorder(Expr x) : x_(x), d_(x) {}

    void walk(const Expr& e, int depth) {
        if (e.args().empty() || !e.may_contain(x_) || !seen_.insert(e.id()).second) return;
        Step step{"", e, Expr(), {}, d_(e), depth};
        std::vector<Expr> inner;
        step.formula = formula(e, step.rule, inner);
        for (std::size_t i = 0; i < inner.size(); ++i)
            step.placeholders.emplace_back(placeholder(i), inner[i]);
        steps_.push_back(std::move(step));
        for (const Expr& a : inner) walk(a, depth + 1);
    }

    std::vector<Step> take() { return std::move(steps_); }

private:
    static Expr placeholder(std::size_t i) { return core::sym(std::string(placeholder_prefix) + std::to_string(i + 1)); }

    // D[u] inside a formula: a placeholder, or 0 when u does not depend on x.
    Expr D(const Expr& u, std::vector<Expr>& inner) {
        if (d_(u).is_zero()) return core::num(0);
        if (u == x_) return core::num(1);
        inner.push_back(u);
        return placeholder(inner.size() - 1);
    }

    Expr formula(const Expr& e, std::string& rule, std::vector<Expr>& inner) {
        switch (e.kind()) {
        case Kind::Add: {
            rule = "sum rule";
            std::vector<Expr> terms;
            for (const Expr& t : e.args()) terms.push_back(D(t, inner));
            return core::add(std::move(terms));
        }
        case Kind::Mul: return product(e, rule, inner);
        case Kind::Pow: {
            const Expr &u = e.arg(0), &v = e.arg(1);
            if (u.is_zero()) {
                rule = "constant rule";
                return d_(e);
            }
            if (!v.may_contain(x_) || d_(v).is_zero()) {
                rule = "power rule";
                return core::mul({v, core::pow(u, core::sub(v, core::num(1))), D(u, inner)});
            }
            Expr log_u = core::call(core::Func::Log, u);
            if (d_(u).is_zero()) {
                rule = "exponential rule";
                return core::mul({e, log_u, D(v, inner)});
            }
            rule = "general power rule";
            Expr du = D(u, inner), dv = D(v, inner);
            return core::mul(e, core::add(core::mul(dv, log_u), core::mul({v, du, core::pow(u, core::num(-1))})));
        }
        case Kind::Call: {
            const std::string name(core::func_name(e.func()));
            rule = e.func() == core::Func::Exp ? "exp rule"
                 : e.func() == core::Func::Log ? "log rule"
                                               : "function rule for " + name;
            std::vector<Expr> terms;
            bool chain = false;
            for (std::size_t k = 0; k < e.size(); ++k) {
                Expr dk = D(e.arg(k), inner);
                chain = chain || (!dk.is_zero() && !dk.is_one());
                terms.push_back(core::mul(function_partial(e.func(), k, e.args()), dk));
            }
            if (chain) rule += " with the chain rule";
            return core::add(std::move(terms));
        }
        default: return d_(e);
        }
    }

    Expr product(const Expr& e, std::string& rule, std::vector<Expr>& inner) {
        std::vector<Expr> top, bottom;
        for (const Expr& f : e.args()) {
            if (f.is(Kind::Pow) && f.arg(1).is_number() && sgn(f.arg(1).value()) < 0)
                bottom.push_back(core::pow(f.arg(0), core::num(-f.arg(1).value())));
            else
                top.push_back(f);
        }
        Expr u = core::mul(top), v = core::mul(bottom);
        if (!bottom.empty() && !d_(u).is_zero() && !d_(v).is_zero()) {
            rule = "quotient rule";
            Expr du = D(u, inner), dv = D(v, inner);
            return core::div(core::sub(core::mul(du, v), core::mul(u, dv)), core::pow(v, core::num(2)));
        }
        std::size_t varying = 0;
        for (const Expr& f : e.args()) varying += d_(f).is_zero() ? 0 : 1;
        rule = varying == 1 ? "constant multiple rule" : "product rule";
        std::vector<Expr> terms;
        for (std::size_t i = 0; i < e.size(); ++i) {
            Expr di = D(e.arg(i), inner);
            if (di.is_zero()) continue;
            std::vector<Expr> p(e.args().begin(), e.args().end());
            p[i] = di;
            terms.push_back(core::mul(std::move(p)));
        }
        return core::add(std::move(terms));
    }

    Expr x_;
    Differentiator d_;
    std::unordered_set<const void*> seen_;
    std::vector<Step> steps_;
};

}  // namespace

std::vector<Step> derivation(const Expr& f, const Expr& x) {
    Recorder r(x);
    r.walk(f, 0);
    return r.take();
}

bool is_placeholder(const Expr& e) {
    return e.is(Kind::Symbol) && e.name().starts_with(placeholder_prefix);
}

}  // namespace nabla::diff

// diff.cpp — the sum, product, power and chain rules, memoised per node, optionally recorded.
#include "diff/diff.hpp"

#include "core/build.hpp"
#include "core/error.hpp"
#include "diff/partials.hpp"

namespace nabla::diff {

using core::Expr;
using core::Kind;

const Step* Record::find(const Expr& e) const {
    auto it = steps_.find(e.id());
    return it == steps_.end() ? nullptr : &it->second;
}

Step Record::take(const Expr& e) {
    auto it = steps_.find(e.id());
    NABLA_ASSERT(it != steps_.end(), "no recorded step to take");
    Step s = std::move(it->second);
    steps_.erase(it);
    return s;
}

// The inner derivatives of one recorded step: D(u, du) is what a formula writes for d/dx[u].
class Differentiator::Parts {
public:
    explicit Parts(const Expr& x) : x_(x) {}

    // 0 when u' is 0, 1 when u is x, otherwise a placeholder standing for d/dx[u].
    Expr D(const Expr& u, const Expr& du) {
        if (du.is_zero()) return core::zero();
        if (u == x_) return core::one();
        // '#' is in no identifier, so a placeholder never meets a user's symbol.
        placeholders_.emplace_back(core::sym("#d" + std::to_string(placeholders_.size() + 1)), u);
        return placeholders_.back().first;
    }
    std::vector<std::pair<Expr, Expr>> take() { return std::move(placeholders_); }

private:
    Expr x_;
    std::vector<std::pair<Expr, Expr>> placeholders_;
};

Differentiator::Differentiator(Expr variable, Record* record) : variable_(std::move(variable)), record_(record) {
    if (variable_.is_null() || !variable_.is(Kind::Symbol))
        throw Error("can only differentiate with respect to a variable");
}

Expr Differentiator::operator()(const Expr& e) {
    if (!e.may_contain(variable_)) return core::zero();
    if (Expr known = memo_.find(e); !known.is_null()) return known;
    Expr d = derive(e);
    memo_.store(e, d);
    if (record_) [[unlikely]] {
        if (auto it = record_->steps_.find(e.id()); it != record_->steps_.end()) it->second.result = d;
    }
    return d;
}

void Differentiator::note(const Expr& e, std::string rule, Expr formula, Parts& parts) {
    record_->steps_.try_emplace(e.id(), Step{std::move(rule), e, std::move(formula), parts.take(), Expr()});
}

Expr Differentiator::derive(const Expr& e) {
    Differentiator& d = *this;
    switch (e.kind()) {
    case Kind::Number:
    case Kind::Constant: return core::zero();
    case Kind::Symbol: return e == variable_ ? core::one() : core::zero();
    case Kind::Add: {  // sum rule
        std::vector<Expr> terms;
        for (const Expr& t : e.args())
            if (Expr dt = d(t); !dt.is_zero()) terms.push_back(std::move(dt));
        if (record_) [[unlikely]] {
            Parts parts(variable_);
            std::vector<Expr> formula;
            for (const Expr& t : e.args()) formula.push_back(parts.D(t, d(t)));
            note(e, "sum rule", core::add(std::move(formula)), parts);
        }
        return core::add(std::move(terms));
    }
    case Kind::Mul: {  // product rule over n factors: sum_i f_1 ... f_i' ... f_n
        std::vector<Expr> terms;
        const auto factors = e.args();
        for (std::size_t i = 0; i < factors.size(); ++i) {
            Expr di = d(factors[i]);
            if (!di.is_zero()) terms.push_back(core::replace_factor(e, i, di));
        }
        if (record_) [[unlikely]] note_product(e);
        return core::add(std::move(terms));
    }
    case Kind::Pow: {
        const Expr& base = e.arg(0);
        const Expr& exponent = e.arg(1);
        Expr dbase = d(base);
        Expr dexponent = d(exponent);
        if (dexponent.is_zero()) {  // power rule: (u^n)' = n*u^(n-1)*u'
            if (record_) [[unlikely]] {
                Parts parts(variable_);
                Expr du = parts.D(base, dbase);
                note(e, "power rule", core::mul({exponent, core::pow(base, core::sub(exponent, core::num(1))), du}), parts);
            }
            return core::mul({exponent, core::pow(base, core::sub(exponent, core::num(1))), dbase});
        }
        if (base.is_zero()) {  // constant rule: 0^v is 0 wherever it is differentiable
            if (record_) [[unlikely]] {
                Parts parts(variable_);
                note(e, "constant rule", core::zero(), parts);
            }
            return core::zero();
        }
        Expr log_base = core::call(core::Func::Log, base);
        if (dbase.is_zero()) {  // exponential rule: (a^v)' = a^v*log(a)*v'
            if (record_) [[unlikely]] {
                Parts parts(variable_);
                Expr dv = parts.D(exponent, dexponent);
                note(e, "exponential rule", core::mul({e, log_base, dv}), parts);
            }
            return core::mul({e, log_base, dexponent});
        }
        // general power rule: (u^v)' = u^v*(v'*log(u) + v*u'/u)
        if (record_) [[unlikely]] {
            Parts parts(variable_);
            Expr du = parts.D(base, dbase), dv = parts.D(exponent, dexponent);
            note(e, "general power rule",
                 core::mul(e, core::add(core::mul(dv, log_base), core::mul({exponent, du, core::pow(base, core::num(-1))}))),
                 parts);
        }
        return core::mul(e, core::add(core::mul(dexponent, log_base),
                                      core::mul({exponent, dbase, core::pow(base, core::num(-1))})));
    }
    case Kind::Call: {  // chain rule: sum_k (df/du_k)(args) * u_k'
        std::vector<Expr> terms;
        for (std::size_t k = 0; k < e.size(); ++k) {
            Expr dk = d(e.arg(k));
            if (dk.is_zero()) continue;
            terms.push_back(core::mul(function_partial(e.func(), k, e.args()), dk));
        }
        if (record_) [[unlikely]] note_call(e);
        return core::add(std::move(terms));
    }
    }
    return core::zero();
}

// The product rule as a student would name it: a product with a denominator whose top and
// bottom both vary is recorded as the quotient rule (its top and bottom are differentiated
// too, so that they have steps), one varying factor as the constant multiple rule.
void Differentiator::note_product(const Expr& e) {
    Differentiator& d = *this;
    Parts parts(variable_);
    std::vector<Expr> top, bottom;
    for (const Expr& f : e.args()) {
        if (f.is(Kind::Pow) && f.arg(1).is_number() && sgn(f.arg(1).value()) < 0)
            bottom.push_back(core::pow(f.arg(0), core::num(-f.arg(1).value())));
        else
            top.push_back(f);
    }
    if (!bottom.empty()) {
        Expr u = core::mul(std::move(top)), v = core::mul(std::move(bottom));
        Expr du = d(u), dv = d(v);
        if (!du.is_zero() && !dv.is_zero()) {
            Expr Du = parts.D(u, du), Dv = parts.D(v, dv);
            note(e, "quotient rule", core::div(core::sub(core::mul(Du, v), core::mul(u, Dv)), core::pow(v, core::num(2))),
                 parts);
            return;
        }
    }
    std::size_t varying = 0;
    std::vector<Expr> terms;
    for (std::size_t i = 0; i < e.size(); ++i) {
        Expr di = parts.D(e.arg(i), d(e.arg(i)));
        if (di.is_zero()) continue;
        ++varying;
        std::vector<Expr> p(e.args().begin(), e.args().end());
        p[i] = di;
        terms.push_back(core::mul(std::move(p)));
    }
    note(e, varying == 1 ? "constant multiple rule" : "product rule", core::add(std::move(terms)), parts);
}

// The chain rule as applied above, with the argument derivatives as placeholders; exp and log
// keep the names their rules have in the textbooks.
void Differentiator::note_call(const Expr& e) {
    Differentiator& d = *this;
    Parts parts(variable_);
    std::vector<Expr> formula;
    bool chain = false;
    for (std::size_t k = 0; k < e.size(); ++k) {
        Expr dk = d(e.arg(k));
        if (dk.is_zero()) continue;
        Expr Dk = parts.D(e.arg(k), dk);
        chain = chain || !Dk.is_one();
        formula.push_back(core::mul(function_partial(e.func(), k, e.args()), Dk));
    }
    std::string rule = e.func() == core::Func::Exp ? "exp rule"
                     : e.func() == core::Func::Log ? "log rule"
                                                   : "function rule for " + std::string(core::func_name(e.func()));
    if (chain) rule += " with the chain rule";
    note(e, std::move(rule), core::add(std::move(formula)), parts);
}

Expr derivative(const Expr& e, const Expr& x) { return Differentiator(x)(e); }

}  // namespace nabla::diff

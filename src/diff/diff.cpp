// diff.cpp — the sum, product, power and chain rules, memoised per node.
#include "diff/diff.hpp"

#include "core/build.hpp"
#include "core/error.hpp"
#include "diff/rules.hpp"

namespace nabla::diff {

using core::Expr;
using core::Kind;

Differentiator::Differentiator(Expr variable) : variable_(std::move(variable)) {
    if (variable_.is_null() || !variable_.is(Kind::Symbol))
        throw Error("can only differentiate with respect to a variable");
}

Expr Differentiator::operator()(const Expr& e) {
    if (!e.may_contain(variable_)) return core::zero();
    if (Expr known = memo_.find(e); !known.is_null()) return known;
    Expr d = derive(e);
    memo_.store(e, d);
    return d;
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
        return core::add(std::move(terms));
    }
    case Kind::Mul: {  // product rule over n factors: sum_i f_1 ... f_i' ... f_n
        std::vector<Expr> terms;
        const auto factors = e.args();
        for (std::size_t i = 0; i < factors.size(); ++i) {
            Expr di = d(factors[i]);
            if (!di.is_zero()) terms.push_back(core::replace_factor(e, i, di));
        }
        return core::add(std::move(terms));
    }
    case Kind::Pow: {
        const Expr& base = e.arg(0);
        const Expr& exponent = e.arg(1);
        Expr dbase = d(base);
        Expr dexponent = d(exponent);
        if (dexponent.is_zero())  // power rule: (u^n)' = n*u^(n-1)*u'
            return core::mul({exponent, core::pow(base, core::sub(exponent, core::num(1))), dbase});
        if (base.is_zero()) return core::zero();  // 0^v is 0 wherever it is differentiable
        Expr log_base = core::call(core::Func::Log, base);
        if (dbase.is_zero())  // exponential rule: (a^v)' = a^v*log(a)*v'
            return core::mul({e, log_base, dexponent});
        // general power: (u^v)' = u^v*(v'*log(u) + v*u'/u)
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
        return core::add(std::move(terms));
    }
    }
    return core::zero();
}

Expr derivative(const Expr& e, const Expr& x) { return Differentiator(x)(e); }

}  // namespace nabla::diff

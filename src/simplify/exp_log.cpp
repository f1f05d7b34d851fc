// exp_log.cpp — rules "exp-product" and "exp-power": exp(a)^r = exp(r*a) since exp(a) > 0.
#include "simplify/rules.hpp"

#include "core/build.hpp"

#include <vector>

namespace nabla::simplify {

namespace {

using core::Expr;
using core::Func;
using core::Kind;

// The exponent r*a of a factor exp(a)^r or exp(a), or a null Expr.
Expr exp_exponent(const Expr& f) {
    if (f.is_call(Func::Exp)) return f.arg(0);
    if (f.is(Kind::Pow) && f.arg(0).is_call(Func::Exp)) return core::mul(f.arg(1), f.arg(0).arg(0));
    return Expr();
}

}  // namespace

std::optional<Expr> rule_exp_product(const Expr& e) {
    if (!e.is(Kind::Mul)) return std::nullopt;
    std::vector<Expr> exponents;
    std::vector<Expr> others;
    for (const Expr& f : e.args()) {
        Expr x = exp_exponent(f);
        (x.is_null() ? others : exponents).push_back(x.is_null() ? f : x);
    }
    if (exponents.size() < 2) return std::nullopt;
    others.push_back(core::call(Func::Exp, core::add(std::move(exponents))));
    return core::mul(std::move(others));
}

std::optional<Expr> rule_exp_power(const Expr& e) {
    if (!e.is(Kind::Pow) || !e.arg(0).is_call(Func::Exp)) return std::nullopt;
    return core::call(Func::Exp, exp_exponent(e));
}

}  // namespace nabla::simplify

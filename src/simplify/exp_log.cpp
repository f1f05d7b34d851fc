// exp_log.cpp — rules "exp-product" and "exp-power" (exp(a)^r = exp(r*a) since exp(a) > 0),
// "exp-of-log" and "log-product-power".
#include "simplify/rules.hpp"

#include "core/build.hpp"
#include "simplify/terms.hpp"

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

// The term c*log(w) of an exponent as w^c (c any factors), or null.
Expr power_from_log(const Expr& term) {
    if (term.is_call(Func::Log)) return term.arg(0);
    if (!term.is(Kind::Mul)) return Expr();
    for (std::size_t i = 0; i < term.size(); ++i) {
        if (!term.arg(i).is_call(Func::Log)) continue;
        std::vector<Expr> others(term.args().begin(), term.args().end());
        others.erase(others.begin() + static_cast<std::ptrdiff_t>(i));
        return core::pow(term.arg(i).arg(0), core::mul(std::move(others)));
    }
    return Expr();
}

// True when f >= 0 wherever f is defined.
bool nonnegative(const Expr& f) {
    switch (f.kind()) {
    case Kind::Number: return sgn(f.value()) >= 0;
    case Kind::Constant: return true;
    case Kind::Call:
        switch (f.func()) {
        case Func::Exp:
        case Func::Abs:
        case Func::Cosh:
        case Func::Sigmoid:
        case Func::Softplus:
        case Func::Relu:
        case Func::Heaviside: return true;
        default: return false;
        }
    case Kind::Pow: {
        if (nonnegative(f.arg(0))) return true;
        if (!f.arg(1).is_number()) return false;
        // b^(p/q) is a real root: b >= 0 for even q, and nonnegative for even p.
        const mpq_class& k = f.arg(1).value();
        return mpz_even_p(k.get_num_mpz_t()) || mpz_even_p(k.get_den_mpz_t());
    }
    default: return false;
    }
}

// log(b^k) as k*log(b) where b^k > 0 forces b > 0, and as k*log(abs(b)) when k has an even
// numerator (b^k = abs(b)^k, so b may be negative).
std::optional<Expr> log_of_power(const Expr& f) {
    if (!f.is(Kind::Pow)) return std::nullopt;
    const Expr& base = f.arg(0);
    const Expr& k = f.arg(1);
    if (nonnegative(base)) return core::mul(k, core::call(Func::Log, base));
    if (!k.is_number()) return std::nullopt;
    const bool even_numerator = mpz_even_p(k.value().get_num_mpz_t());
    return core::mul(k, core::call(Func::Log, even_numerator ? core::call(Func::Abs, base) : base));
}

// log(w) as a sum of logs: of the factors of a product when all but at most one of them are
// nonnegative (then a positive product has every factor positive), and of a power.
std::optional<Expr> log_as_sum(const Expr& w) {
    if (!w.is(Kind::Mul)) return log_of_power(w);
    std::size_t unknown_sign = 0;
    for (const Expr& f : w.args()) unknown_sign += nonnegative(f) ? 0 : 1;
    if (unknown_sign > 1) return std::nullopt;
    std::vector<Expr> logs;
    for (const Expr& f : w.args()) logs.push_back(log_of_power(f).value_or(core::call(Func::Log, f)));
    return core::add(std::move(logs));
}

std::optional<Expr> log_term_as_sum(const Expr& term) { return rewrite_log_term(term, &log_as_sum); }

}  // namespace

std::optional<Expr> rule_exp_of_log(const Expr& e) {
    if (!e.is_call(Func::Exp)) return std::nullopt;
    const Expr& exponent = e.arg(0);
    const std::span<const Expr> terms = exponent.is(Kind::Add) ? exponent.args() : std::span<const Expr>(&exponent, 1);
    if (terms.size() > max_rule_terms) return std::nullopt;
    std::vector<Expr> factors;
    std::vector<Expr> others;
    for (const Expr& t : terms) {
        Expr power = power_from_log(t);
        if (power.is_null())
            others.push_back(t);
        else
            factors.push_back(std::move(power));
    }
    if (factors.empty()) return std::nullopt;
    factors.push_back(core::call(Func::Exp, core::add(std::move(others))));
    return core::mul(std::move(factors));
}

std::optional<Expr> rule_log_product_power(const Expr& e) { return rewrite_each_term(e, &log_term_as_sum); }

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

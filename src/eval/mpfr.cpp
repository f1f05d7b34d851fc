// mpfr.cpp — evaluation of a constant expression with MPFR, and decimal text to N digits.
#include "eval/mpfr.hpp"

#include "core/build.hpp"
#include "core/double.hpp"
#include "core/error.hpp"
#include "core/function_table.hpp"
#include "core/limits.hpp"
#include "core/traverse.hpp"
#include "eval/eval.hpp"

#include <mpfr.h>

#include <cmath>
#include <memory>
#include <unordered_map>
#include <vector>

namespace nabla::eval {

using core::Expr;
using core::Func;
using core::Kind;

namespace {

// ---------------------------------------------------------------------------------------------
// Decimal notation.

// The text of a nonzero value whose significant digits are `digits` (no sign) and whose first
// digit has the place value 10^exponent, as %g would write it (keeping trailing zeros).
std::string notation(bool negative, const std::string& digits, long exponent) {
    const long n = static_cast<long>(digits.size());
    std::string out = negative ? "-" : "";
    if (exponent < -4 || exponent >= n) {
        out.push_back(digits[0]);
        if (n > 1) out.append(".").append(digits, 1);
        return out.append("e").append(std::to_string(exponent));
    }
    if (exponent < 0) return out.append("0.").append(static_cast<std::size_t>(-exponent - 1), '0').append(digits);
    const auto whole = static_cast<std::size_t>(exponent + 1);
    out.append(digits, 0, whole);
    if (whole < digits.size()) out.append(".").append(digits, whole);
    return out;
}

mpz_class power_of_ten(long n) {
    mpz_class p;
    mpz_ui_pow_ui(p.get_mpz_t(), 10, static_cast<unsigned long>(n));
    return p;
}

// a * 10^n for an integer n of either sign.
mpq_class scaled(const mpq_class& a, long n) {
    mpq_class out = a;
    if (n >= 0) out *= power_of_ten(n);
    else out /= power_of_ten(-n);
    return out;
}

void check_digits(std::size_t digits) {
    if (digits < 1 || digits > limits::max_eval_digits)
        throw LimitError("digits must be from 1 to " + std::to_string(limits::max_eval_digits) + ", got "
                         + std::to_string(digits));
}

// ---------------------------------------------------------------------------------------------
// MPFR values.

struct Real {
    mpfr_t v;
    explicit Real(mpfr_prec_t precision) { mpfr_init2(v, precision); }
    ~Real() { mpfr_clear(v); }
    Real(const Real&) = delete;
    Real& operator=(const Real&) = delete;
};

// Comparisons with small integers, which core::domain_problem needs.
struct Compared {
    mpfr_srcptr v;
    friend bool operator==(Compared x, int k) { return mpfr_cmp_si(x.v, k) == 0; }
    friend bool operator<(Compared x, int k) { return mpfr_cmp_si(x.v, k) < 0; }
    friend bool operator>(Compared x, int k) { return mpfr_cmp_si(x.v, k) > 0; }
    friend bool operator<=(Compared x, int k) { return mpfr_cmp_si(x.v, k) <= 0; }
    friend bool operator>=(Compared x, int k) { return mpfr_cmp_si(x.v, k) >= 0; }
};

std::string shown(mpfr_srcptr x) { return core::to_text(mpfr_get_d(x, MPFR_RNDN)); }

std::string call_text(Func f, mpfr_srcptr x) { return std::string(core::func_name(f)) + "(" + shown(x) + ")"; }

// MPFR's widest exponent range while an evaluation runs, so exp(-10^6) is a tiny number rather
// than 0 (which log would then call undefined); the caller's range is restored after.
class WideExponents {
public:
    WideExponents() : emin_(mpfr_get_emin()), emax_(mpfr_get_emax()) {
        mpfr_set_emin(mpfr_get_emin_min());
        mpfr_set_emax(mpfr_get_emax_max());
    }
    ~WideExponents() {
        mpfr_set_emin(emin_);
        mpfr_set_emax(emax_);
    }
    WideExponents(const WideExponents&) = delete;
    WideExponents& operator=(const WideExponents&) = delete;

private:
    mpfr_exp_t emin_, emax_;
};

// x^(p/q): the real root of odd order for x < 0, as evaluate() defines it.
void rational_power(mpfr_t out, const mpfr_t x, const mpq_class& exponent) {
    const int sign = mpfr_sgn(x);
    if (sign == 0 && exponent < 0) throw DomainError("division by zero (0 to a negative power)");
    if (exponent.get_den() == 1) {
        mpfr_pow_z(out, x, exponent.get_num_mpz_t(), MPFR_RNDN);
        return;
    }
    if (!exponent.get_den().fits_ulong_p()) {  // beyond mpfr_rootn_ui: a root of a positive number only
        if (sign < 0)
            throw DomainError("(" + shown(x) + ")^(" + exponent.get_str()
                              + ") is not computed (a root of a negative number of order beyond 2^64)");
        mpfr_t e;
        mpfr_init2(e, mpfr_get_prec(out));
        mpfr_set_q(e, exponent.get_mpq_t(), MPFR_RNDN);
        mpfr_pow(out, x, e, MPFR_RNDN);
        mpfr_clear(e);
        return;
    }
    if (sign < 0 && mpz_even_p(exponent.get_den_mpz_t())) {
        if (exponent.get_den() == 2 && abs(exponent.get_num()) == 1)
            throw DomainError("sqrt(" + shown(x) + ") is undefined (square root of a negative number)");
        throw DomainError("(" + shown(x) + ")^(" + exponent.get_str() + ") is undefined (even root of a negative number)");
    }
    mpfr_rootn_ui(out, x, exponent.get_den().get_ui(), MPFR_RNDN);
    mpfr_pow_z(out, out, exponent.get_num_mpz_t(), MPFR_RNDN);
}

// x^y for y not a Number, as evaluate() defines it.
void general_power(mpfr_t out, const mpfr_t x, const mpfr_t y) {
    if (mpfr_zero_p(x)) {
        if (mpfr_sgn(y) < 0) throw DomainError("division by zero (0 to a negative power)");
        mpfr_set_ui(out, mpfr_zero_p(y) ? 1 : 0, MPFR_RNDN);
        return;
    }
    if (mpfr_sgn(x) < 0 && !mpfr_integer_p(y))
        throw DomainError("(" + shown(x) + ")^(" + shown(y) + ") is undefined (a negative number to a non-integer power)");
    mpfr_pow(out, x, y, MPFR_RNDN);
}

void call(mpfr_t out, Func f, const mpfr_t x, const mpfr_t y) {
    if (core::func_arity(f) == 1)
        if (auto problem = core::domain_problem(f, Compared{x}, call_text(f, x))) throw DomainError(*problem);
    const mpfr_rnd_t r = MPFR_RNDN;
    switch (f) {
    case Func::Sin: mpfr_sin(out, x, r); return;
    case Func::Cos: mpfr_cos(out, x, r); return;
    case Func::Tan: mpfr_tan(out, x, r); return;
    case Func::Asin: mpfr_asin(out, x, r); return;
    case Func::Acos: mpfr_acos(out, x, r); return;
    case Func::Atan: mpfr_atan(out, x, r); return;
    case Func::Atan2: {
        if (mpfr_zero_p(x) && mpfr_zero_p(y)) {
            mpfr_set_ui(out, 0, r);  // as std::atan2(0, 0)
            return;
        }
        Real u(mpfr_get_prec(x));
        if (mpfr_zero_p(x)) mpfr_set_zero(u.v, 1);  // a zero has no sign: atan2(0, -1) is pi, as exactly
        else mpfr_set(u.v, x, r);
        mpfr_atan2(out, u.v, y, r);
        return;
    }
    case Func::Sinh: mpfr_sinh(out, x, r); return;
    case Func::Cosh: mpfr_cosh(out, x, r); return;
    case Func::Tanh: mpfr_tanh(out, x, r); return;
    case Func::Asinh: mpfr_asinh(out, x, r); return;
    case Func::Acosh: mpfr_acosh(out, x, r); return;
    case Func::Atanh: mpfr_atanh(out, x, r); return;
    case Func::Exp: mpfr_exp(out, x, r); return;
    case Func::Log: mpfr_log(out, x, r); return;
    case Func::Cbrt: mpfr_cbrt(out, x, r); return;
    case Func::Abs: mpfr_abs(out, x, r); return;
    case Func::Sign: mpfr_set_si(out, mpfr_sgn(x), r); return;
    case Func::Heaviside: mpfr_set_d(out, mpfr_sgn(x) < 0 ? 0.0 : mpfr_zero_p(x) ? 0.5 : 1.0, r); return;
    case Func::Relu:
        if (mpfr_sgn(x) > 0) mpfr_set(out, x, r);
        else mpfr_set_ui(out, 0, r);
        return;
    case Func::Sigmoid: {  // 1/(1 + exp(-x)) as z/(1 + z) or 1/(1 + z), z = exp(-|x|): no overflow
        Real z(mpfr_get_prec(out));
        mpfr_abs(z.v, x, r);
        mpfr_neg(z.v, z.v, r);
        mpfr_exp(z.v, z.v, r);
        Real denominator(mpfr_get_prec(out));
        mpfr_add_ui(denominator.v, z.v, 1, r);
        if (mpfr_sgn(x) >= 0) mpfr_ui_div(out, 1, denominator.v, r);
        else mpfr_div(out, z.v, denominator.v, r);
        return;
    }
    case Func::Softplus: {  // max(x, 0) + log1p(exp(-|x|))
        Real z(mpfr_get_prec(out));
        mpfr_abs(z.v, x, r);
        mpfr_neg(z.v, z.v, r);
        mpfr_exp(z.v, z.v, r);
        mpfr_log1p(z.v, z.v, r);
        if (mpfr_sgn(x) > 0) mpfr_add(out, x, z.v, r);
        else mpfr_set(out, z.v, r);
        return;
    }
    case Func::Erf: mpfr_erf(out, x, r); return;
    case Func::Min: mpfr_min(out, x, y, r); return;
    case Func::Max: mpfr_max(out, x, y, r); return;
    }
    throw InternalError("mpfr: a function without an MPFR evaluation");
}

// The node's value from its arguments' values.
void evaluate_node(mpfr_t out, const Expr& e, const std::vector<const Real*>& args) {
    const mpfr_rnd_t r = MPFR_RNDN;
    switch (e.kind()) {
    case Kind::Number: mpfr_set_q(out, e.value().get_mpq_t(), r); return;
    case Kind::Constant:
        if (e.constant() == core::Constant::Pi) {
            mpfr_const_pi(out, r);
        } else {
            mpfr_set_ui(out, 1, r);
            mpfr_exp(out, out, r);
        }
        return;
    case Kind::Add:
        mpfr_set(out, args[0]->v, r);
        for (std::size_t i = 1; i < args.size(); ++i) mpfr_add(out, out, args[i]->v, r);
        return;
    case Kind::Mul:
        mpfr_set(out, args[0]->v, r);
        for (std::size_t i = 1; i < args.size(); ++i) mpfr_mul(out, out, args[i]->v, r);
        return;
    case Kind::Pow:
        if (e.arg(1).is_number()) rational_power(out, args[0]->v, e.arg(1).value());
        else general_power(out, args[0]->v, args[1]->v);
        return;
    case Kind::Call: call(out, e.func(), args[0]->v, args.size() > 1 ? args[1]->v : args[0]->v); return;
    case Kind::Symbol: break;
    }
    throw InternalError("mpfr: a symbol in a constant expression");
}

// `e` at `precision` bits; every node once, children first.
std::unique_ptr<Real> evaluate_at(const Expr& e, mpfr_prec_t precision) {
    std::unordered_map<const void*, std::unique_ptr<Real>> value;
    const Expr roots[] = {e};
    core::post_order(roots, [&](const Expr& node) {
        core::check_cancel();
        std::vector<const Real*> args;
        for (const Expr& a : node.args()) args.push_back(value.at(a.id()).get());
        auto out = std::make_unique<Real>(precision);
        mpfr_clear_flags();
        evaluate_node(out->v, node, args);
        if (mpfr_nan_p(out->v)) throw DomainError(node.is(Kind::Call) ? call_text(node.func(), args[0]->v) + " is undefined" : "the value is undefined");
        if (mpfr_overflow_p() || mpfr_inf_p(out->v)) throw DomainError("overflow: the value is too large even for MPFR");
        if (mpfr_underflow_p()) throw DomainError("underflow: a value is too small even for MPFR");
        value.emplace(node.id(), std::move(out));
    });
    return std::move(value.at(e.id()));
}

// The N significant digits of x, rounded to nearest, with the place value of the first.
std::string digits_of(const mpfr_t x, std::size_t digits, long& exponent) {
    mpfr_exp_t e = 0;
    char* text = mpfr_get_str(nullptr, &e, 10, digits, x, MPFR_RNDN);
    std::string out(text[0] == '-' ? text + 1 : text);
    mpfr_free_str(text);
    exponent = static_cast<long>(e) - 1;
    return out;
}

}  // namespace

std::string decimal_text(const mpq_class& q, std::size_t digits) {
    check_digits(digits);
    if (sgn(q) == 0) return "0";
    const mpq_class a = abs(q);
    // The place value of the first digit: 10^exponent <= a < 10^(exponent + 1).
    long exponent = static_cast<long>(mpz_sizeinbase(a.get_num_mpz_t(), 10)) - static_cast<long>(mpz_sizeinbase(a.get_den_mpz_t(), 10));
    while (scaled(a, -exponent) < 1) --exponent;
    while (scaled(a, -exponent) >= 10) ++exponent;
    const auto n = static_cast<long>(digits);
    const mpq_class s = scaled(a, n - 1 - exponent);  // the digits before the point
    mpz_class m, remainder;
    mpz_fdiv_qr(m.get_mpz_t(), remainder.get_mpz_t(), s.get_num_mpz_t(), s.get_den_mpz_t());
    const int half = cmp(mpz_class(2 * remainder), s.get_den());
    if (half > 0 || (half == 0 && mpz_odd_p(m.get_mpz_t()))) ++m;
    if (m == power_of_ten(n)) m /= 10, ++exponent;  // 9.99... rounded up to 10.0
    return notation(sgn(q) < 0, m.get_str(), exponent);
}

std::string decimal_value(const Expr& e, std::size_t digits) {
    check_digits(digits);
    const Expr roots[] = {e};
    if (const std::vector<Expr> symbols = core::free_symbols(roots); !symbols.empty())
        throw Error("no value for '" + symbols[0].name() + "'");
    check_exact_domains(e);
    if (e.is_number()) return decimal_text(e.value(), digits);

    // Guard bits above the digits asked for; each retry doubles the precision.
    const auto wanted = static_cast<mpfr_prec_t>(std::ceil(static_cast<double>(digits) * 3.3219280948873623)) + 32;
    constexpr int attempts = 3;  // up to 8 times the bits the digits need
    const double memory = static_cast<double>(core::dag_size(roots)) * static_cast<double>(wanted << attempts) / 8;
    if (memory > static_cast<double>(limits::max_digits_memory_bytes))
        throw LimitError("the expression is too large to evaluate to " + std::to_string(digits)
                         + " digits (it would need more than " + std::to_string(limits::max_digits_memory_bytes >> 20)
                         + " MiB)");
    const WideExponents range;
    std::unique_ptr<Real> previous = evaluate_at(e, wanted);
    for (int k = 1; k <= attempts; ++k) {
        std::unique_ptr<Real> current = evaluate_at(e, wanted << k);
        const bool zero = mpfr_zero_p(current->v), was_zero = mpfr_zero_p(previous->v);
        if (zero && was_zero) return "0";  // sign(pi - 3) - 1: exactly 0 at every precision
        if (!zero && !was_zero) {
            long exponent = 0, previous_exponent = 0;
            const std::string text = digits_of(current->v, digits, exponent);
            if (text == digits_of(previous->v, digits, previous_exponent) && exponent == previous_exponent)
                return notation(mpfr_sgn(current->v) < 0, text, exponent);
        }
        previous = std::move(current);
    }
    throw DomainError("cannot settle " + std::to_string(digits) + " digits: evaluations up to "
                      + std::to_string(wanted << attempts) + " bits disagree (the value is about "
                      + shown(previous->v) + "; it may be exactly 0, or at a pole)");
}

}  // namespace nabla::eval

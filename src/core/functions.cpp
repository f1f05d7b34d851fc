// functions.cpp — built-in function nodes: the table of functions.def, symmetry and known special values.
#include "core/build.hpp"
#include "core/error.hpp"
#include "core/function_table.hpp"
#include "core/node.hpp"
#include "core/number.hpp"

#include <array>

namespace nabla::core {
namespace {

constexpr std::array<FunctionRow, func_count> function_table{{
#define NABLA_FUNCTION(id, name, arity, du, dv, domain, cpp, latex) {name, arity, {du, dv}, Domain::domain, cpp, latex},
#include "core/functions.def"
#undef NABLA_FUNCTION
}};

bool is_odd(Func f) {
    switch (f) {
    case Func::Sin: case Func::Tan: case Func::Asin: case Func::Atan: case Func::Sinh:
    case Func::Tanh: case Func::Asinh: case Func::Atanh: case Func::Erf: case Func::Cbrt:
    case Func::Sign: return true;
    default: return false;
    }
}

bool is_even(Func f) { return f == Func::Cos || f == Func::Cosh || f == Func::Abs; }

Expr half_sqrt(long n) { return div(pow(num(n), num(1, 2)), num(2)); }

// sin at a multiple t of pi/12 (t in [0, 24)), when t*15 degrees is a multiple of 30 or 45.
std::optional<Expr> sin_of_twelfths(long t) {
    const bool negative = t >= 12;
    t %= 12;
    if (t > 6) t = 12 - t;  // sin(pi - a) = sin(a)
    std::optional<Expr> v;
    switch (t) {
    case 0: v = num(0); break;
    case 2: v = num(1, 2); break;
    case 3: v = half_sqrt(2); break;
    case 4: v = half_sqrt(3); break;
    case 6: v = num(1); break;
    default: return std::nullopt;
    }
    return negative ? neg(*v) : *v;
}

// The rational c with e == c*pi, when e has that form.
std::optional<mpq_class> pi_multiple(const Expr& e) {
    if (e.is_zero()) return mpq_class(0);
    if (e.is(Kind::Constant) && e.constant() == Constant::Pi) return mpq_class(1);
    if (e.is(Kind::Mul) && e.size() == 2 && e.arg(0).is_number() && e.arg(1).is(Kind::Constant)
        && e.arg(1).constant() == Constant::Pi)
        return e.arg(0).value();
    return std::nullopt;
}

// sin(c*pi) or, with shift 6, cos(c*pi) = sin(c*pi + pi/2), at multiples of pi/6 and pi/4.
std::optional<Expr> trig_at_pi(const Expr& arg, long shift) {
    auto c = pi_multiple(arg);
    if (!c) return std::nullopt;
    mpq_class twelfths = *c * 12;
    if (twelfths.get_den() != 1 || !mpz_fits_slong_p(twelfths.get_num_mpz_t())) return std::nullopt;
    long t = (mpz_fdiv_ui(twelfths.get_num_mpz_t(), 24) + shift) % 24;
    return sin_of_twelfths(t);
}

Expr pi_times(long p, long q) { return mul(num(p, q), constant(Constant::Pi)); }

std::optional<Expr> special_value(Func f, const std::vector<Expr>& a) {
    const Expr& u = a[0];
    const bool number = u.is_number();
    const mpq_class* v = number ? &u.value() : nullptr;
    switch (f) {
    case Func::Sin: return trig_at_pi(u, 0);
    case Func::Cos: return trig_at_pi(u, 6);
    case Func::Tan: {
        auto s = trig_at_pi(u, 0), c = trig_at_pi(u, 6);
        if (s && c && !c->is_zero()) return div(*s, *c);
        return std::nullopt;
    }
    case Func::Asin:
        if (number && *v == 0) return num(0);
        if (number && *v == 1) return pi_times(1, 2);
        if (number && *v == mpq_class(1, 2)) return pi_times(1, 6);
        return std::nullopt;
    case Func::Acos:
        if (number && *v == 1) return num(0);
        if (number && *v == 0) return pi_times(1, 2);
        if (number && *v == -1) return constant(Constant::Pi);
        if (number && *v == mpq_class(1, 2)) return pi_times(1, 3);
        return std::nullopt;
    case Func::Atan:
        if (number && *v == 0) return num(0);
        if (number && *v == 1) return pi_times(1, 4);
        return std::nullopt;
    case Func::Atan2: {
        if (!number || !a[1].is_number()) return std::nullopt;
        const int sy = sgn(*v), sx = sgn(a[1].value());
        if (sy == 0 && sx > 0) return num(0);
        if (sy == 0 && sx < 0) return constant(Constant::Pi);
        if (sx == 0 && sy != 0) return pi_times(sy, 2);
        if (sx > 0) return call(Func::Atan, div(u, a[1]));
        return std::nullopt;
    }
    case Func::Sinh: case Func::Tanh: case Func::Asinh: case Func::Atanh: case Func::Erf:
        if (number && *v == 0) return num(0);
        return std::nullopt;
    case Func::Cosh:
        if (number && *v == 0) return num(1);
        return std::nullopt;
    case Func::Acosh:
        if (number && *v == 1) return num(0);
        return std::nullopt;
    case Func::Exp:
        if (number && *v == 0) return num(1);
        if (number && *v == 1) return constant(Constant::E);
        if (u.is_call(Func::Log)) return u.arg(0);
        return std::nullopt;
    case Func::Log:
        if (u.is_call(Func::Exp)) return u.arg(0);
        if (u.is(Kind::Constant) && u.constant() == Constant::E) return num(1);
        if (!number) return std::nullopt;
        if (sgn(*v) == 0) throw DomainError("log(0) is undefined");
        if (*v == 1) return num(0);
        if (sgn(*v) > 0 && v->get_num() == 1) return neg(call(Func::Log, num(mpq_class(v->get_den()))));
        if (v->get_den() == 1 && sgn(*v) > 0) {
            // log(8) = 3*log(2): take the smallest root of a perfect power.
            const PerfectPower p = perfect_power(v->get_num());
            if (p.exponent > 1) return mul(num(mpq_class(mpz_class(p.exponent))), call(Func::Log, num(mpq_class(p.root))));
        }
        return std::nullopt;
    case Func::Cbrt:
        if (number) {
            if (auto r = exact_root(*v, 3)) return num(*r);
            return std::nullopt;
        }
        if (u.is(Kind::Pow) && u.arg(1).is_number() && u.arg(1).value() == 3) return u.arg(0);
        return std::nullopt;
    case Func::Abs:
        if (number) return num(abs(*v));
        if (u.is_call(Func::Abs) || u.is_call(Func::Exp)) return u;
        return std::nullopt;
    case Func::Sign:
        if (number) return num(sgn(*v));
        if (u.is_call(Func::Exp)) return num(1);
        return std::nullopt;
    case Func::Heaviside:
        if (number) return sgn(*v) < 0 ? num(0) : sgn(*v) == 0 ? num(1, 2) : num(1);
        return std::nullopt;
    case Func::Sigmoid:
        if (number && *v == 0) return num(1, 2);
        return std::nullopt;
    case Func::Softplus:
        if (number && *v == 0) return call(Func::Log, num(2));
        return std::nullopt;
    case Func::Relu:
        if (number) return num(sgn(*v) > 0 ? *v : mpq_class(0));
        return std::nullopt;
    case Func::Min: case Func::Max:
        if (a[0] == a[1]) return a[0];
        if (number && a[1].is_number()) {
            const bool first = (f == Func::Min) == (*v < a[1].value());
            return first ? a[0] : a[1];
        }
        return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace

const FunctionRow& function_row(Func f) { return function_table[static_cast<std::size_t>(f)]; }
std::string_view func_name(Func f) { return function_row(f).name; }
int func_arity(Func f) { return function_row(f).arity; }

Expr call(Func f, std::vector<Expr> args) {
    NABLA_ASSERT(static_cast<int>(args.size()) == func_arity(f),
                 std::string(func_name(f)) + " called with the wrong number of arguments");
    if (auto v = special_value(f, args)) return *v;
    if (args.size() == 1 && reads_negative(args[0])) {
        if (is_odd(f)) return neg(call(f, neg(args[0])));
        if (is_even(f)) return call(f, neg(args[0]));
    }
    if ((f == Func::Min || f == Func::Max) && compare(args[1], args[0]) < 0) std::swap(args[0], args[1]);
    NodeKey key{Kind::Call, f};
    key.args = args;
    return intern(key);
}

Expr call(Func f, const Expr& a) { return call(f, std::vector<Expr>{a}); }
Expr call(Func f, const Expr& a, const Expr& b) { return call(f, std::vector<Expr>{a, b}); }

}  // namespace nabla::core

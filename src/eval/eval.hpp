// eval.hpp — numeric evaluation: exact rationals where possible, doubles otherwise.
//
// This module is the numeric reference of nabla: tests compare derivatives, generated code
// and optimizers against it, and the code generator must compute every function exactly as
// documented here.
//
// Semantics of the built-in functions (double evaluation; the exact core folds agree):
//   x^(p/q)       for x < 0 and odd q the real root: (-8)^(1/3) = -2, (-8)^(2/3) = 4; for x < 0
//                 and even q (sqrt(-1), (-1)^(1/4)) a DomainError. x^(1/2) is std::sqrt,
//                 x^(1/3) is std::cbrt, x^(-1) is 1/x, other rational powers std::pow.
//                 0 to a negative power is a DomainError ("division by zero").
//   x^y           (y not a Number) std::pow for x > 0; for x = 0: 1 when y = 0, 0 when y > 0,
//                 division by zero when y < 0; for x < 0 only an integer-valued y is allowed
//                 (evaluate() substitutes first, so x^y at x = -8, y = 1/3 folds exactly to -2).
//   tan           at an exact odd multiple of pi/2 evaluate() reports a pole (DomainError).
//   sin cos tan asin acos atan sinh cosh tanh asinh acosh atanh exp log cbrt erf, atan2(y, x):
//                 the <cmath> function of the same name; atan2(0, 0) = 0 as std::atan2.
//                 Domains: asin, acos need [-1, 1]; acosh needs >= 1; atanh needs (-1, 1);
//                 log needs > 0.
//   abs(x)        std::fabs.           sign(x)       -1, 0, 1; sign(0) = 0.
//   heaviside(x)  0 for x < 0, 1/2 at x = 0, 1 for x > 0.
//   relu(x)       max(x, 0), so relu(0) = 0.
//   min, max      the ordinary ones.
//   sigmoid(x)    1/(1 + exp(-x)), computed stably with z = exp(-abs(x)):
//                 (x >= 0 ? 1 : z)/(1 + z).
//   softplus(x)   log(1 + exp(x)), computed stably: max(x, 0) + log1p(exp(-abs(x))).
//   (The functions themselves are in eval/scalar.hpp, shared with the code generator.)
//   Derivative conventions at kinks: abs'(0) = sign(0) = 0, relu'(0) = heaviside(0) = 1/2.
//   A NaN operand gives NaN through sign, heaviside, relu, min and max (never a made-up 0).
#pragma once

#include "core/expr.hpp"

#include <gmpxx.h>

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace nabla::eval {

// Values for symbols, by name. Exact rationals.
using Point = std::map<std::string, mpq_class, std::less<>>;

struct Value {
    double number;                   // always set; the correctly rounded double of `exact` if any
    std::optional<mpq_class> exact;  // set when the value is an exact rational
};

// The value of `e` at `at`. Exact where the inputs and operations allow: the point is
// substituted and the canonical constructors fold it (x^2/3 at x = 1/2 is 1/12, cos(pi/3)*x at
// x = 4 is 2); if that gives a Number the value is exact. Otherwise what is left is evaluated
// in double. Exact numbers are bounded by limits::max_number_bits: when folding would combine
// or produce larger ones, the whole expression is evaluated in double instead.
// `number` is always finite: an exact value beyond the double range (2^2000) is an overflow.
// Throws nabla::Error("no value for 'y'") for a symbol missing from `at` (the first in natural
// order), and nabla::DomainError naming the function for log(0), log of a negative, division by
// zero, even roots of negatives, asin/acos/acosh/atanh outside their domains, and a result
// (of any double step, or the final value) that is NaN or infinite
// ("overflow: exp(800) is too large for a double"). A DomainError the core throws while
// folding (log(0), 1/0) propagates unchanged.
Value evaluate(const core::Expr& e, const Point& at);

// Double-only evaluation for many calls (used by tests and the optimizer): the roots are
// compiled once into a flat instruction list (children before parents, shared nodes once,
// sub-expressions without symbols folded to constants) over `symbols`, then run at many
// points. Building throws nabla::Error("no value for 'y'") when a root uses a symbol that is
// not in `symbols`. Evaluation never recurses, so any depth the core allows is fine.
class Compiled {
public:
    Compiled(std::span<const core::Expr> roots, std::span<const core::Expr> symbols);

    // Values of the roots at x (x[i] is the value of symbols[i]); out.size() == roots.size().
    // Plain IEEE arithmetic: out of a domain gives NaN or inf, nothing is thrown.
    void run(std::span<const double> x, std::span<double> out) const;

    // As run, but every step is checked like evaluate(): throws nabla::DomainError naming the
    // function at the first step outside its domain or with a NaN or infinite result.
    void run_checked(std::span<const double> x, std::span<double> out) const;

    std::size_t num_symbols() const { return num_symbols_; }
    std::size_t num_roots() const { return roots_.size(); }
    std::size_t num_instructions() const { return code_.size(); }

    // One step of the program; the result of code_[i] is slot i. Public only so that the
    // implementation's helpers can name it.
    enum class Op : std::uint8_t {
        Const,    // value
        Input,    // x[a]
        Add,      // sum of the slots operands_[a, a+b)
        Mul,      // product of the slots operands_[a, a+b)
        Recip,    // 1/s[a]
        Square,   // s[a]*s[a]
        Sqrt,     // sqrt(s[a])
        PowInt,   // s[a]^value, value an integer (odd_num: odd)
        PowFrac,  // s[a]^value, value = p/q not an integer (odd_num, odd_den: parity of p, q)
        Pow,      // s[a]^s[b], exponent not constant
        Call,     // func(s[a]) or func(s[a], s[b])
    };
    struct Instr {
        Op op;
        core::Func func = core::Func{};
        bool odd_num = false;
        bool odd_den = false;
        std::uint32_t a = 0;
        std::uint32_t b = 0;
        double value = 0;
    };

private:
    template <bool Checked>
    void execute(std::span<const double> x, std::span<double> out) const;

    std::vector<Instr> code_;
    std::vector<std::uint32_t> operands_;  // argument slots of n-ary and call instructions
    std::vector<std::uint32_t> roots_;     // slot of each root
    std::size_t num_symbols_ = 0;
};

// The correctly rounded double of a Number, or pi or e (any other node is an InternalError).
// Numbers beyond the double range give +-inf.
double to_double(const core::Expr& number_or_constant_expr);

// The correctly rounded (to nearest, ties to even) double of an exact rational.
double to_double(const mpq_class& q);

}  // namespace nabla::eval

// tape.cpp — lowering roots into a compact tape, and the interpreter, checked or not.
#include "tape/tape.hpp"

#include "core/build.hpp"
#include "core/double.hpp"
#include "core/error.hpp"
#include "core/function_table.hpp"
#include "tape/lower.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_set>

namespace nabla::tape {

using core::Expr;
using core::Func;

namespace {

using core::to_text;

std::string show_call(Func f, double a) { return std::string(core::func_name(f)) + "(" + to_text(a) + ")"; }
std::string show_call(Func f, double a, double b) {
    return std::string(core::func_name(f)) + "(" + to_text(a) + ", " + to_text(b) + ")";
}
std::string show_pow(double base, double exponent) { return "(" + to_text(base) + ")^" + to_text(exponent); }

[[noreturn]] void domain(const std::string& message) { throw DomainError(message); }

// Throws DomainError when a step is outside its domain or its result r is not finite; the
// checks before the result's name the precise reason.
void check(const Instr& in, double a, double b, double r, std::span<const Exponent> exponents) {
    switch (in.op) {
    case Op::Div:
        if (b == 0) domain("division by zero");
        break;
    case Op::Sqrt:
        if (a < 0) domain("sqrt(" + to_text(a) + ") is undefined (square root of a negative number)");
        break;
    case Op::PowInt:
    case Op::PowFrac: {
        const Exponent& q = exponents[in.b];
        if (a == 0 && q.value < 0) domain("division by zero (0 to a negative power)");
        if (in.op == Op::PowFrac && a < 0 && !q.odd_den)
            domain(show_pow(a, q.value) + " is undefined (even root of a negative number)");
        break;
    }
    case Op::Pow:
        if (a == 0 && b < 0) domain("division by zero (0 to a negative power)");
        if (a < 0 && std::isfinite(b) && b != std::trunc(b))
            domain(show_pow(a, b) + " is undefined (fractional power of a negative number)");
        break;
    case Op::Call:
        if (core::func_arity(in.func) == 1)
            if (auto problem = core::domain_problem(in.func, a, show_call(in.func, a))) domain(*problem);
        break;
    default: break;
    }
    if (std::isfinite(r)) return;
    std::string what;
    switch (in.op) {
    case Op::Input: what = "an input value"; break;
    case Op::Const: what = "a number in the expression"; break;
    case Op::Add: what = to_text(a) + " + " + to_text(b); break;
    case Op::Sub: what = to_text(a) + " - " + to_text(b); break;
    case Op::Mul: what = to_text(a) + "*" + to_text(b); break;
    case Op::Div: what = to_text(a) + "/" + to_text(b); break;
    case Op::Neg: what = "-" + to_text(a); break;
    case Op::Sqrt: what = "sqrt(" + to_text(a) + ")"; break;
    case Op::Cbrt: what = "cbrt(" + to_text(a) + ")"; break;
    case Op::Pow: what = show_pow(a, b); break;
    case Op::PowInt:
    case Op::PowFrac: what = show_pow(a, exponents[in.b].value); break;
    case Op::Call:
        what = core::func_arity(in.func) == 1 ? show_call(in.func, a) : show_call(in.func, a, b);
        break;
    }
    if (std::isnan(r)) domain(what + " is not a number");
    domain("overflow: " + what + " is too large for a double");
}

// nabla::Error("no value for 'y'") for the first symbol (natural order) of the roots that is not
// one of `symbols`.
void require_values(std::span<const Expr> roots, std::span<const Expr> symbols) {
    std::unordered_set<const core::Node*> given;
    for (const Expr& s : symbols) given.insert(s.id());
    for (const Expr& s : core::free_symbols(roots))
        if (!given.contains(s.id())) throw Error("no value for '" + s.name() + "'");
}

}  // namespace

Tape::Tape(std::span<const Expr> roots, std::span<const Expr> symbols) : num_symbols_(symbols.size()) {
    for (const Expr& s : symbols) NABLA_ASSERT(s.is(core::Kind::Symbol), "Tape: an input that is not a symbol");
    require_values(roots, symbols);
    Program program(symbols.size());
    Lowering lower(program, symbols);
    std::vector<Ref> outputs;
    for (const Expr& root : roots) outputs.push_back(lower(root));

    // Inputs keep their slots; the constants the roots need follow, then the steps in order.
    const std::vector<bool> live = program.live(outputs);
    std::vector<Slot> renumber(program.size());
    for (Slot s = 0; s < num_symbols_; ++s) {
        renumber[s] = s;
        code_.push_back(program[s]);
    }
    for (Slot s = 0; s < program.size(); ++s) {
        if (!live[s] || !program.is_const(s)) continue;
        renumber[s] = static_cast<Slot>(code_.size());
        code_.push_back(program[s]);
        constants_.push_back(program[s].value);
    }
    first_step_ = code_.size();
    for (Slot s = static_cast<Slot>(num_symbols_); s < program.size(); ++s) {
        if (!live[s] || program.is_const(s)) continue;
        Instr in = program[s];
        in.a = renumber[in.a];
        if (is_binary(in)) {
            in.b = renumber[in.b];
        } else if (in.op == Op::PowInt || in.op == Op::PowFrac) {
            in.b = exponent(program.exponents()[in.b]);
        }
        renumber[s] = static_cast<Slot>(code_.size());
        code_.push_back(in);
    }
    for (const Ref& r : outputs) roots_.push_back({renumber[r.slot], r.neg});
}

Slot Tape::exponent(const Exponent& q) {
    for (std::size_t i = 0; i < exponents_.size(); ++i)
        if (exponents_[i].exact == q.exact) return static_cast<Slot>(i);
    exponents_.push_back(q);
    return static_cast<Slot>(exponents_.size() - 1);
}

template <bool Checked>
void Tape::execute(std::span<const double> x, std::span<double> out) const {
    NABLA_ASSERT(x.size() == num_symbols_, "Tape::run: wrong number of input values");
    NABLA_ASSERT(out.size() == roots_.size(), "Tape::run: wrong number of outputs");
    thread_local std::vector<double> slots;
    if (slots.size() < code_.size()) slots.resize(code_.size());
    double* s = slots.data();
    std::copy(x.begin(), x.end(), s);
    std::copy(constants_.begin(), constants_.end(), s + num_symbols_);
    if constexpr (Checked)
        for (std::size_t i = 0; i < num_symbols_; ++i) check(code_[i], 0, 0, s[i], exponents_);
    for (std::size_t i = first_step_; i < code_.size(); ++i) {
        const Instr& in = code_[i];
        const double a = s[in.a];
        const double b = s[in.b];  // a slot in range whatever the step: see exponent()
        const double r = compute(in, a, b, exponents_);
        if constexpr (Checked) check(in, a, b, r, exponents_);
        s[i] = r;
    }
    for (std::size_t i = 0; i < roots_.size(); ++i) out[i] = roots_[i].neg ? -s[roots_[i].slot] : s[roots_[i].slot];
}

void Tape::run(std::span<const double> x, std::span<double> out) const { execute<false>(x, out); }
void Tape::run_checked(std::span<const double> x, std::span<double> out) const { execute<true>(x, out); }

}  // namespace nabla::tape

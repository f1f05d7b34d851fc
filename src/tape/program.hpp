// program.hpp — the tape: a linear SSA program of double operations, built with value numbering.
//
// One program serves every double computation of nabla: the interpreter runs it (tape.hpp) and
// the code generator emits it as C++ (codegen/), so both compute exactly the same operations.
//
// Slot i is the result of code()[i]; operands always name earlier slots, so the order of
// code() is a valid evaluation order. Building goes through the methods below, which fold
// constants, apply exact peepholes (x*1, x+0, --x) and return the existing slot for an
// instruction already present, so common sub-expressions of everything built into one
// Program — values, gradients, Hessian entries — are computed once.
//
// Negation is carried by Ref rather than by instructions: a - b, -(a*b) and -a*-b need no
// negation step, and one is emitted only where a negative value must be materialised.
//
// The inputs are the variables x[0..n), then the parameters: input n + k is p[k].
// Parameters come last so that a slot depends on no variable exactly when its first_input
// is at least n.
#pragma once

#include "core/expr.hpp"

#include <gmpxx.h>

#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

namespace nabla::tape {

using Slot = std::uint32_t;

enum class Op : std::uint8_t {
    Input,    // input a: x[a], or p[a - num_vars] for a parameter
    Const,    // value
    Add,      // a + b
    Sub,      // a - b
    Mul,      // a * b
    Div,      // a / b
    Neg,      // -a
    Sqrt,     // sqrt(a)
    Cbrt,     // cbrt(a): the real cube root
    Call,     // func(a) or func(a, b): a built-in function of core/functions.def
    Pow,      // pow(a, b), exponent not constant
    PowInt,   // a^n for an integer n too large to unroll: exponents()[b] (helper nabla_powi)
    PowFrac,  // a^(p/q) not reducible to sqrt or cbrt: exponents()[b] (helper nabla_powq)
};

// A constant exponent of PowInt or PowFrac, with what evaluation needs of it precomputed.
struct Exponent {
    mpq_class exact;
    double value;   // the nearest double
    bool odd_num;   // parity of the numerator and the denominator: the sign of a negative base's
    bool odd_den;   // power, and whether it has a real root
};

struct Instr {
    Op op = Op::Const;
    core::Func func = core::Func{};
    Slot a = 0;
    Slot b = 0;
    double value = 0;  // Const only
};

// A value: a slot, negated when `neg`.
struct Ref {
    Slot slot = 0;
    bool neg = false;
    Ref operator-() const { return {slot, !neg}; }
    friend bool operator==(const Ref&, const Ref&) = default;
};

class Program {
public:
    explicit Program(std::size_t num_vars, std::size_t num_params = 0);

    std::size_t num_inputs() const { return num_vars_ + num_params_; }
    std::size_t num_vars() const { return num_vars_; }
    std::size_t num_params() const { return num_params_; }
    bool is_param(Slot s) const { return code_[s].op == Op::Input && code_[s].a >= num_vars_; }
    std::size_t size() const { return code_.size(); }
    const std::vector<Instr>& code() const { return code_; }
    const Instr& operator[](Slot s) const { return code_[s]; }
    const std::vector<Exponent>& exponents() const { return exponents_; }

    bool is_const(Slot s) const { return code_[s].op == Op::Const; }
    // The lowest input index slot s depends on (inputs.size() for constants): lowering
    // orders the terms of a sum by it, so that terms over the same variables are adjacent.
    std::uint32_t first_input(Slot s) const { return first_input_[s]; }
    // Whether slot s depends on no variable (a constant or a function of the parameters only).
    bool is_invariant(Slot s) const { return first_input_[s] >= num_vars_; }
    bool is_const(Ref r, double v) const { return is_const(r.slot) && value_of(r) == v; }
    double value_of(Ref r) const { return r.neg ? -code_[r.slot].value : code_[r.slot].value; }

    Ref input(std::size_t v) const { return {static_cast<Slot>(v), false}; }
    Ref param(std::size_t k) const { return input(num_vars_ + k); }
    Ref number(double v);  // a non-negative constant slot, negated for v < 0

    // Arithmetic on values; the sign of each Ref is folded into the instruction chosen.
    Ref add(Ref a, Ref b);
    Ref sub(Ref a, Ref b) { return add(a, -b); }
    Ref mul(Ref a, Ref b);
    Ref div(Ref a, Ref b);
    Ref sqrt(Ref a);
    Ref call(core::Func f, Ref a);
    Ref call(core::Func f, Ref a, Ref b);
    Ref pow(Ref a, Ref b);              // general power, b not constant
    Ref pow(Ref a, const mpq_class& q);  // constant exponent: products, sqrt, cbrt, helpers

    // The slot holding the value of `r`, emitting a negation if needed.
    Slot materialise(Ref r);

    // live[s]: slot s is needed to compute `outputs`.
    std::vector<bool> live(std::span<const Ref> outputs) const;
    std::size_t count_live(std::span<const Ref> outputs) const;

private:
    Slot emit(Instr in);  // value numbering and constant folding
    Slot constant(double v);
    Ref power_by_products(Ref a, unsigned long n);
    Slot exponent_index(const mpq_class& q);

    struct Key {
        Op op;
        core::Func func;
        Slot a, b;
        std::uint64_t bits;
        friend bool operator==(const Key&, const Key&) = default;
    };
    struct KeyHash {
        std::size_t operator()(const Key& k) const noexcept;
    };

    std::size_t num_vars_;
    std::size_t num_params_;
    std::vector<Instr> code_;
    std::vector<std::uint32_t> first_input_;
    std::vector<Exponent> exponents_;
    std::unordered_map<Key, Slot, KeyHash> table_;
};

// Whether the instruction reads its operand b as a slot.
bool is_binary(const Instr& in);

// The double semantics of one instruction over its operand values (b unused when not binary):
// constant folding, the interpreter and the generated code all compute this.
double compute(const Instr& in, double a, double b, std::span<const Exponent> exponents);

}  // namespace nabla::tape

// program.cpp — value numbering, constant folding and exact peepholes for the SSA program.
#include "tape/program.hpp"

#include "core/error.hpp"
#include "core/double.hpp"
#include "tape/scalar.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

namespace nabla::tape {

using core::Func;

namespace {

// Powers up to this exponent are unrolled into products (at most 12 multiplications); beyond
// it std::pow is both faster and more accurate than repeated squaring.
constexpr unsigned long max_unrolled_power = 64;

}  // namespace

bool is_binary(const Instr& in) {
    switch (in.op) {
    case Op::Add: case Op::Sub: case Op::Mul: case Op::Div: case Op::Pow: return true;
    case Op::Call: return core::func_arity(in.func) == 2;
    default: return false;
    }
}

double compute(const Instr& in, double a, double b, std::span<const Exponent> exponents) {
    switch (in.op) {
    case Op::Input: break;
    case Op::Const: return in.value;
    case Op::Add: return a + b;
    case Op::Sub: return a - b;
    case Op::Mul: return a * b;
    case Op::Div: return a / b;
    case Op::Neg: return -a;
    case Op::Sqrt: return std::sqrt(a);
    case Op::Cbrt: return std::cbrt(a);
    case Op::Call: return core::func_arity(in.func) == 1 ? scalar::apply(in.func, a) : scalar::apply(in.func, a, b);
    case Op::Pow: return std::pow(a, b);
    case Op::PowInt: return scalar::pow_integer(a, exponents[in.b].value, exponents[in.b].odd_num);
    case Op::PowFrac: {
        const Exponent& q = exponents[in.b];
        return scalar::pow_fraction(a, q.value, q.odd_num, q.odd_den);
    }
    }
    NABLA_ASSERT(false, "tape: compute of an input");
    return 0;
}

std::size_t Program::KeyHash::operator()(const Key& k) const noexcept {
    std::uint64_t h = static_cast<std::uint64_t>(k.op) * 0x9E3779B97F4A7C15ull;
    h ^= (static_cast<std::uint64_t>(k.func) + 0x100) * 0xC2B2AE3D27D4EB4Full;
    h = (h ^ (h >> 29)) + k.a * 0x165667B19E3779F9ull;
    h = (h ^ (h >> 31)) + k.b * 0x27D4EB2F165667C5ull;
    h ^= k.bits + (h << 6) + (h >> 2);
    return static_cast<std::size_t>(h ^ (h >> 33));
}

Program::Program(std::size_t num_vars, std::size_t num_params)
    : num_vars_(num_vars), num_params_(num_params) {
    for (std::size_t v = 0; v < num_inputs(); ++v) emit(Instr{Op::Input, Func{}, static_cast<Slot>(v)});
}

Slot Program::emit(Instr in) {
    if (in.op != Op::Input && in.op != Op::Const) {
        const bool constant_operands = is_const(in.a) && (!is_binary(in) || is_const(in.b));
        if (constant_operands) {
            const double r = compute(in, code_[in.a].value, is_binary(in) ? code_[in.b].value : 0.0, exponents_);
            if (std::isfinite(r)) return constant(r);  // a non-finite step stays, as in eval
        }
    }
    if ((in.op == Op::Add || in.op == Op::Mul) && in.b < in.a) std::swap(in.a, in.b);  // commutative
    const Key key{in.op, in.func, in.a, in.b, in.op == Op::Const ? std::bit_cast<std::uint64_t>(in.value) : 0};
    if (auto it = table_.find(key); it != table_.end()) return it->second;
    const auto slot = static_cast<Slot>(code_.size());
    std::uint32_t first = in.op == Op::Input ? in.a : static_cast<std::uint32_t>(num_inputs());
    if (in.op != Op::Input && in.op != Op::Const) {
        first = first_input_[in.a];
        if (is_binary(in)) first = std::min(first, first_input_[in.b]);
    }
    first_input_.push_back(first);
    code_.push_back(in);
    table_.emplace(key, slot);
    return slot;
}

Slot Program::constant(double v) {
    if (v == 0) v = 0.0;  // one zero: -0.0 and 0.0 are the same constant
    return emit(Instr{Op::Const, Func{}, 0, 0, v});
}

Ref Program::number(double v) { return v < 0 ? Ref{constant(-v), true} : Ref{constant(v), false}; }

Slot Program::materialise(Ref r) { return r.neg ? emit(Instr{Op::Neg, Func{}, r.slot}) : r.slot; }

Ref Program::add(Ref a, Ref b) {
    if (is_const(a, 0)) return b;
    if (is_const(b, 0)) return a;
    // A non-finite fold stays a step (see emit).
    if (is_const(a.slot) && is_const(b.slot) && std::isfinite(value_of(a) + value_of(b)))
        return number(value_of(a) + value_of(b));
    if (a.slot == b.slot && a.neg != b.neg) return number(0);  // x - x, as the core folds it
    if (a.neg == b.neg) return {emit(Instr{Op::Add, Func{}, a.slot, b.slot}), a.neg};
    if (b.neg) return {emit(Instr{Op::Sub, Func{}, a.slot, b.slot}), false};
    return {emit(Instr{Op::Sub, Func{}, b.slot, a.slot}), false};
}

Ref Program::mul(Ref a, Ref b) {
    if (is_const(a.slot)) std::swap(a, b);  // the constant, if any, is b
    if (is_const(b.slot)) {
        if (is_const(a.slot) && std::isfinite(value_of(a) * value_of(b))) return number(value_of(a) * value_of(b));
        if (code_[b.slot].value == 0) return number(0);
        if (code_[b.slot].value == 1) return b.neg ? -a : a;
    }
    return {emit(Instr{Op::Mul, Func{}, a.slot, b.slot}), a.neg != b.neg};
}

Ref Program::div(Ref a, Ref b) {
    if (is_const(b.slot) && code_[b.slot].value == 1) return b.neg ? -a : a;
    if (is_const(a, 0)) return number(0);
    return {emit(Instr{Op::Div, Func{}, a.slot, b.slot}), a.neg != b.neg};
}

Ref Program::sqrt(Ref a) { return {emit(Instr{Op::Sqrt, Func{}, materialise(a)}), false}; }

Ref Program::call(Func f, Ref a) {
    if (f == Func::Abs) return {emit(Instr{Op::Call, f, a.slot}), false};  // |-x| = |x|
    if (f == Func::Cbrt) return {emit(Instr{Op::Cbrt, Func{}, a.slot}), a.neg};  // odd, exactly
    return {emit(Instr{Op::Call, f, materialise(a)}), false};
}

Ref Program::call(Func f, Ref a, Ref b) {
    const Slot sa = materialise(a);
    return {emit(Instr{Op::Call, f, sa, materialise(b)}), false};
}

Ref Program::pow(Ref a, Ref b) {
    const Slot sa = materialise(a);
    return {emit(Instr{Op::Pow, Func{}, sa, materialise(b)}), false};
}

Ref Program::power_by_products(Ref a, unsigned long n) {
    Ref r = a;
    for (int bit = std::bit_width(n) - 2; bit >= 0; --bit) {
        r = mul(r, r);
        if ((n >> bit) & 1) r = mul(r, a);
    }
    return r;
}

Slot Program::exponent_index(const mpq_class& q) {
    for (std::size_t i = 0; i < exponents_.size(); ++i)
        if (exponents_[i].exact == q) return static_cast<Slot>(i);
    exponents_.push_back({q, core::to_double(q), mpz_odd_p(q.get_num_mpz_t()) != 0, mpz_odd_p(q.get_den_mpz_t()) != 0});
    return static_cast<Slot>(exponents_.size() - 1);
}

Ref Program::pow(Ref a, const mpq_class& q) {
    const mpz_class& p = q.get_num();
    const mpz_class& d = q.get_den();
    const bool odd_p = mpz_odd_p(p.get_mpz_t());
    const bool small = abs(p) <= max_unrolled_power;
    auto reciprocal_if_negative = [&](Ref r) { return sgn(p) < 0 ? div(number(1), r) : r; };
    if (sgn(p) == 0) return number(1);
    if (d == 1 && small) {  // (-x)^n = x^n for even n, -(x^n) for odd n
        const Ref r = reciprocal_if_negative(power_by_products({a.slot, false}, mpz_class(abs(p)).get_ui()));
        return a.neg && odd_p ? -r : r;
    }
    if (d == 2 && small) return reciprocal_if_negative(power_by_products(sqrt(a), mpz_class(abs(p)).get_ui()));
    if (d == 3 && small) {  // cbrt is odd, so (-x)^(p/3) = (-1)^p x^(p/3)
        const Ref c{emit(Instr{Op::Cbrt, Func{}, a.slot}), false};
        const Ref r = reciprocal_if_negative(power_by_products(c, mpz_class(abs(p)).get_ui()));
        return a.neg && odd_p ? -r : r;
    }
    const Slot base = materialise(a);
    return {emit(Instr{d == 1 ? Op::PowInt : Op::PowFrac, Func{}, base, exponent_index(q)}), false};
}

std::vector<bool> Program::live(std::span<const Ref> outputs) const {
    std::vector<bool> used(code_.size(), false);
    for (const Ref& r : outputs) used[r.slot] = true;
    for (std::size_t i = code_.size(); i-- > 0;) {
        if (!used[i]) continue;
        const Instr& in = code_[i];
        switch (in.op) {
        case Op::Input: case Op::Const: break;
        case Op::Neg: case Op::Sqrt: case Op::Cbrt: case Op::PowInt: case Op::PowFrac: used[in.a] = true; break;
        default:
            used[in.a] = true;
            if (is_binary(in)) used[in.b] = true;
            break;
        }
    }
    return used;
}

std::size_t Program::count_live(std::span<const Ref> outputs) const {
    const std::vector<bool> used = live(outputs);
    std::size_t n = 0;
    for (std::size_t i = 0; i < code_.size(); ++i)
        if (used[i] && code_[i].op != Op::Input && code_[i].op != Op::Const) ++n;
    return n;
}

}  // namespace nabla::tape

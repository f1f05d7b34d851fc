// eval.cpp — exact evaluation by substitution and folding, double evaluation by a flat program.
#include "eval/eval.hpp"

#include "eval/scalar.hpp"

#include "core/build.hpp"
#include "core/error.hpp"
#include "core/function_table.hpp"
#include "core/limits.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <numbers>
#include <unordered_map>

namespace nabla::eval {

using core::Expr;
using core::Func;
using core::Kind;

namespace {

// ---------------------------------------------------------------------------------------------
// The DAG in post-order: children before parents, each node once, without recursion.

struct Dag {
    std::vector<const Expr*> nodes;                        // post-order
    std::unordered_map<const void*, std::uint32_t> slot;  // node id -> index in `nodes`

    std::uint32_t index(const Expr& e) const { return slot.at(e.id()); }
};

Dag post_order(std::span<const Expr> roots) {
    Dag dag;
    struct Frame {
        const Expr* e;
        std::size_t next;
    };
    std::vector<Frame> stack;
    for (const Expr& root : roots) {
        NABLA_ASSERT(!root.is_null(), "evaluation of a null expression");
        if (dag.slot.contains(root.id())) continue;
        stack.push_back({&root, 0});
        while (!stack.empty()) {
            Frame& top = stack.back();
            if (top.next < top.e->size()) {
                const Expr* child = &top.e->arg(top.next++);
                if (!dag.slot.contains(child->id())) stack.push_back({child, 0});  // invalidates top
                continue;
            }
            // A node reached twice through children of one parent is finished the first time.
            if (!dag.slot.contains(top.e->id())) {
                dag.slot.emplace(top.e->id(), static_cast<std::uint32_t>(dag.nodes.size()));
                dag.nodes.push_back(top.e);
            }
            stack.pop_back();
        }
    }
    return dag;
}

// nabla::Error("no value for 'y'") for the first symbol (natural order) without a value.
template <class HasValue>
void require_values(const Dag& dag, HasValue has_value) {
    const std::string* missing = nullptr;
    for (const Expr* e : dag.nodes) {
        if (!e->is(Kind::Symbol) || has_value(*e)) continue;
        if (!missing || core::natural_less(e->name(), *missing)) missing = &e->name();
    }
    if (missing) throw Error("no value for '" + *missing + "'");
}

// ---------------------------------------------------------------------------------------------
// Messages.

std::string show(double v) {
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

std::string show_call(Func f, double a) { return std::string(core::func_name(f)) + "(" + show(a) + ")"; }
std::string show_call(Func f, double a, double b) {
    return std::string(core::func_name(f)) + "(" + show(a) + ", " + show(b) + ")";
}
std::string show_pow(double base, double exponent) { return "(" + show(base) + ")^" + show(exponent); }

// ---------------------------------------------------------------------------------------------
// The double semantics of every operation (documented in eval.hpp; codegen must match).

using Instr = Compiled::Instr;
using Op = Compiled::Op;

double compute(const Instr& in, const double* s, std::span<const double> x,
               const std::vector<std::uint32_t>& operands) {
    switch (in.op) {
    case Op::Const: return in.value;
    case Op::Input: return x[in.a];
    case Op::Add: {
        double sum = s[operands[in.a]];
        for (std::uint32_t i = 1; i < in.b; ++i) sum += s[operands[in.a + i]];
        return sum;
    }
    case Op::Mul: {
        double product = s[operands[in.a]];
        for (std::uint32_t i = 1; i < in.b; ++i) product *= s[operands[in.a + i]];
        return product;
    }
    case Op::Recip: return 1.0 / s[in.a];
    case Op::Square: return s[in.a] * s[in.a];
    case Op::Sqrt: return std::sqrt(s[in.a]);
    case Op::PowInt: return scalar::pow_integer(s[in.a], in.value, in.odd_num);
    case Op::PowFrac: return scalar::pow_fraction(s[in.a], in.value, in.odd_num, in.odd_den);
    case Op::Pow: return std::pow(s[in.a], s[in.b]);
    case Op::Call:
        return core::func_arity(in.func) == 1 ? scalar::apply(in.func, s[in.a]) : scalar::apply(in.func, s[in.a], s[in.b]);
    }
    return 0;
}

// Throws DomainError when an instruction is outside its domain or its result is not finite.
// `r` is the computed result; the checks before it name the precise reason.
void check(const Instr& in, const double* s, double r) {
    auto domain = [](const std::string& message) { throw DomainError(message); };
    const double a = in.op == Op::Const || in.op == Op::Input || in.op == Op::Add || in.op == Op::Mul
                         ? 0.0
                         : s[in.a];
    switch (in.op) {
    case Op::Recip:
        if (a == 0) domain("division by zero");
        break;
    case Op::Sqrt:
        if (a < 0) domain("sqrt(" + show(a) + ") is undefined (square root of a negative number)");
        break;
    case Op::PowInt:
    case Op::PowFrac:
        if (a == 0 && in.value < 0) domain("division by zero (0 to a negative power)");
        if (in.op == Op::PowFrac && a < 0 && !in.odd_den) {
            if (std::fabs(in.value) == 0.5)
                domain("sqrt(" + show(a) + ") is undefined (square root of a negative number)");
            domain(show_pow(a, in.value) + " is undefined (even root of a negative number)");
        }
        break;
    case Op::Pow: {
        const double b = s[in.b];
        if (a == 0 && b < 0) domain("division by zero (0 to a negative power)");
        if (a < 0 && std::isfinite(b) && b != std::trunc(b))
            domain(show_pow(a, b) + " is undefined (fractional power of a negative number)");
        break;
    }
    case Op::Call:
        if (core::func_arity(in.func) == 1)
            if (auto problem = core::domain_problem(in.func, a, show_call(in.func, a))) domain(*problem);
        break;
    default: break;
    }
    if (std::isfinite(r)) return;
    std::string what;
    switch (in.op) {
    case Op::Const: what = "a number in the expression"; break;
    case Op::Input: what = "an input value"; break;
    case Op::Add: what = "a sum"; break;
    case Op::Mul: what = "a product"; break;
    case Op::Recip: what = "1/" + show(a); break;
    case Op::Square: what = show_pow(a, 2); break;
    case Op::Sqrt: what = "sqrt(" + show(a) + ")"; break;
    case Op::PowInt:
    case Op::PowFrac: what = show_pow(a, in.value); break;
    case Op::Pow: what = show_pow(a, s[in.b]); break;
    case Op::Call:
        what = core::func_arity(in.func) == 1 ? show_call(in.func, a) : show_call(in.func, a, s[in.b]);
        break;
    }
    if (std::isnan(r)) domain(what + " is not a number");
    domain("overflow: " + what + " is too large for a double");
}

// ---------------------------------------------------------------------------------------------
// Exact evaluation.

std::size_t bits(const mpq_class& q) {
    return mpz_sizeinbase(q.get_num_mpz_t(), 2) + mpz_sizeinbase(q.get_den_mpz_t(), 2);
}

// Bits of the exact numbers a constructor combines when `e` is one of its arguments: a Number,
// the coefficient of a product, the numbers and coefficients of a sum's terms.
std::size_t number_bits(const Expr& e) {
    auto coefficient_bits = [](const Expr& t) -> std::size_t {
        if (t.is_number()) return bits(t.value());
        if (t.is(Kind::Mul) && t.arg(0).is_number()) return bits(t.arg(0).value());
        return 0;
    };
    if (!e.is(Kind::Add)) return coefficient_bits(e);
    std::size_t total = 0;
    for (const Expr& t : e.args()) total += coefficient_bits(t);
    return total;
}

// c*pi with c = k + 1/2: where cos is zero (the core leaves tan there unevaluated).
bool is_pole_of_tan(const Expr& a) {
    if (!a.is(Kind::Mul) || a.size() != 2 || !a.arg(0).is_number() || !a.arg(1).is(Kind::Constant)
        || a.arg(1).constant() != core::Constant::Pi)
        return false;
    return a.arg(0).value().get_den() == 2;
}

// Exact domain checks on a node of the substituted expression whose arguments are numbers:
// they catch a violation before a later fold hides it (sqrt(x)*sqrt(y) at x = y = -1 would
// fold to -1), and poles that double arithmetic would miss (tan(pi/2) is 1.6e16 in double).
void check_exact(const Expr& e) {
    if (e.is(Kind::Pow) && e.arg(0).is_number() && e.arg(1).is_number()) {
        const mpq_class& base = e.arg(0).value();
        const mpq_class& exponent = e.arg(1).value();
        if (sgn(base) < 0 && mpz_even_p(exponent.get_den_mpz_t())) {
            const double b = to_double(base);
            if (exponent.get_den() == 2 && abs(exponent.get_num()) == 1)
                throw DomainError("sqrt(" + show(b) + ") is undefined (square root of a negative number)");
            throw DomainError("(" + show(b) + ")^(" + exponent.get_str()
                              + ") is undefined (even root of a negative number)");
        }
        return;
    }
    if (e.is_call(Func::Tan) && is_pole_of_tan(e.arg(0)))
        throw DomainError("tan(" + e.arg(0).arg(0).value().get_str() + "*pi) is undefined (a pole of tan)");
    if (!e.is(Kind::Call) || core::func_arity(e.func()) != 1 || !e.arg(0).is_number()) return;
    const mpq_class& v = e.arg(0).value();
    if (auto problem = core::domain_problem(e.func(), v, show_call(e.func(), to_double(v))))
        throw DomainError(*problem);
}


// The expression with the point substituted and folded by the canonical constructors, or
// nothing when that would combine exact numbers beyond limits::max_number_bits.
std::optional<Expr> substitute_exact(const Dag& dag, const Point& at) {
    std::vector<Expr> value(dag.nodes.size());
    std::vector<std::size_t> size(dag.nodes.size());
    for (std::size_t i = 0; i < dag.nodes.size(); ++i) {
        const Expr& e = *dag.nodes[i];
        if (e.is(Kind::Symbol)) {
            value[i] = core::num(at.find(e.name())->second);
        } else if (e.args().empty()) {
            value[i] = e;
        } else {
            std::vector<Expr> args;
            args.reserve(e.size());
            bool changed = false;
            std::size_t combined = 0;
            for (const Expr& a : e.args()) {
                const std::uint32_t j = dag.index(a);
                args.push_back(value[j]);
                changed = changed || !(value[j] == a);
                combined += size[j];
            }
            if (combined > limits::max_number_bits) return std::nullopt;
            value[i] = changed ? core::rebuild(e, std::move(args)) : e;
            check_exact(value[i]);
        }
        size[i] = number_bits(value[i]);
        if (size[i] > limits::max_number_bits) return std::nullopt;  // the core's bound is loose
    }
    // Nodes the constructors made inside a fold were not seen above: tan(-3/2*pi) becomes
    // -tan(3/2*pi).
    const Expr result[] = {value.back()};
    for (const Expr* e : post_order(result).nodes) check_exact(*e);
    return value.back();
}

double run_one_checked(const Compiled& program, std::span<const double> x) {
    double out = 0;
    program.run_checked(x, std::span<double>(&out, 1));
    return out;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Conversions.

double to_double(const mpq_class& q) {
    const int sign = sgn(q);
    if (sign == 0) return 0.0;
    const mpz_class a = abs(q.get_num());
    const mpz_class& b = q.get_den();
    // 2^(e0-1) < a/b < 2^(e0+1), so floor(log2(a/b)) is e0 - 1 or e0.
    long e = static_cast<long>(mpz_sizeinbase(a.get_mpz_t(), 2))
             - static_cast<long>(mpz_sizeinbase(b.get_mpz_t(), 2));
    if (e - 1 >= 1024) return sign * std::numeric_limits<double>::infinity();
    if (e <= -1076) return sign * 0.0;  // below half the smallest subnormal
    mpz_class shifted;
    if (e >= 0) {
        mpz_mul_2exp(shifted.get_mpz_t(), b.get_mpz_t(), static_cast<unsigned long>(e));
        if (a < shifted) --e;
    } else {
        mpz_mul_2exp(shifted.get_mpz_t(), a.get_mpz_t(), static_cast<unsigned long>(-e));
        if (shifted < b) --e;
    }
    // 53 significant bits (fewer for subnormals): quotient = floor(a/b * 2^k), 2^52 <= it < 2^53.
    const long k = std::min(52 - e, 1074L);
    mpz_class n = a, d = b, quotient, remainder;
    if (k >= 0) {
        mpz_mul_2exp(n.get_mpz_t(), a.get_mpz_t(), static_cast<unsigned long>(k));
    } else {
        mpz_mul_2exp(d.get_mpz_t(), b.get_mpz_t(), static_cast<unsigned long>(-k));
    }
    mpz_tdiv_qr(quotient.get_mpz_t(), remainder.get_mpz_t(), n.get_mpz_t(), d.get_mpz_t());
    remainder *= 2;
    const int c = cmp(remainder, d);
    if (c > 0 || (c == 0 && mpz_odd_p(quotient.get_mpz_t()))) ++quotient;  // to nearest, ties to even
    const double result = std::ldexp(quotient.get_d(), static_cast<int>(-k));  // exact or inf
    return sign < 0 ? -result : result;
}

double to_double(const Expr& e) {
    if (e.is_number()) return to_double(e.value());
    NABLA_ASSERT(e.is(Kind::Constant), "to_double of an expression that is not a number or constant");
    return e.constant() == core::Constant::Pi ? std::numbers::pi : std::numbers::e;
}

// ---------------------------------------------------------------------------------------------
// Compiled.

Compiled::Compiled(std::span<const Expr> roots, std::span<const Expr> symbols) : num_symbols_(symbols.size()) {
    std::unordered_map<const void*, std::uint32_t> input;
    for (std::size_t i = 0; i < symbols.size(); ++i) {
        NABLA_ASSERT(symbols[i].is(Kind::Symbol), "Compiled: an input that is not a symbol");
        input.emplace(symbols[i].id(), static_cast<std::uint32_t>(i));
    }
    const Dag dag = post_order(roots);
    require_values(dag, [&](const Expr& s) { return input.contains(s.id()); });

    // One instruction per node, in post-order: slot i is node i.
    std::vector<Instr> code;
    std::vector<std::uint32_t> operands;
    code.reserve(dag.nodes.size());
    for (const Expr* node : dag.nodes) {
        const Expr& e = *node;
        Instr in{Op::Const};
        switch (e.kind()) {
        case Kind::Number:
        case Kind::Constant: in.value = to_double(e); break;
        case Kind::Symbol:
            in.op = Op::Input;
            in.a = input.at(e.id());
            break;
        case Kind::Add:
        case Kind::Mul:
            in.op = e.is(Kind::Add) ? Op::Add : Op::Mul;
            in.a = static_cast<std::uint32_t>(operands.size());
            in.b = static_cast<std::uint32_t>(e.size());
            for (const Expr& a : e.args()) operands.push_back(dag.index(a));
            break;
        case Kind::Pow: {
            in.a = dag.index(e.arg(0));
            const Expr& exponent = e.arg(1);
            if (!exponent.is_number()) {
                in.op = Op::Pow;
                in.b = dag.index(exponent);
                break;
            }
            const mpq_class& q = exponent.value();
            in.odd_num = mpz_odd_p(q.get_num_mpz_t());
            in.odd_den = mpz_odd_p(q.get_den_mpz_t());
            in.value = to_double(q);
            if (q == -1) {
                in.op = Op::Recip;
            } else if (q == 2) {
                in.op = Op::Square;
            } else if (q == mpq_class(1, 2)) {
                in.op = Op::Sqrt;
            } else if (q == mpq_class(1, 3)) {
                in.op = Op::Call;  // the real cube root, exactly as cbrt
                in.func = Func::Cbrt;
            } else {
                in.op = q.get_den() == 1 ? Op::PowInt : Op::PowFrac;
            }
            break;
        }
        case Kind::Call:
            in.op = Op::Call;
            in.func = e.func();
            in.a = dag.index(e.arg(0));
            if (e.size() > 1) in.b = dag.index(e.arg(1));
            break;
        }
        code.push_back(in);
    }

    // Fold instructions whose operands are all constants; a non-finite result stays a step,
    // so run_checked still reports it with its reason.
    std::vector<double> folded(code.size());
    for (std::size_t i = 0; i < code.size(); ++i) {
        Instr& in = code[i];
        bool constant = true;
        switch (in.op) {
        case Op::Const: folded[i] = in.value; continue;
        case Op::Input: continue;
        case Op::Add:
        case Op::Mul:
            for (std::uint32_t k = 0; k < in.b; ++k) constant = constant && code[operands[in.a + k]].op == Op::Const;
            break;
        case Op::Pow: constant = code[in.a].op == Op::Const && code[in.b].op == Op::Const; break;
        case Op::Call:
            constant = code[in.a].op == Op::Const && (core::func_arity(in.func) == 1 || code[in.b].op == Op::Const);
            break;
        default: constant = code[in.a].op == Op::Const; break;
        }
        if (!constant) continue;
        const double r = compute(in, folded.data(), {}, operands);
        if (std::isfinite(r)) in = Instr{Op::Const, Func{}, false, false, 0, 0, r};
        folded[i] = r;
    }

    // Keep only the steps the roots need, renumbered in the same order.
    std::vector<bool> live(code.size(), false);
    for (const Expr& r : roots) live[dag.index(r)] = true;
    for (std::size_t i = code.size(); i-- > 0;) {
        if (!live[i]) continue;
        const Instr& in = code[i];
        switch (in.op) {
        case Op::Const:
        case Op::Input: break;
        case Op::Add:
        case Op::Mul:
            for (std::uint32_t k = 0; k < in.b; ++k) live[operands[in.a + k]] = true;
            break;
        case Op::Pow: live[in.a] = live[in.b] = true; break;
        case Op::Call:
            live[in.a] = true;
            if (core::func_arity(in.func) == 2) live[in.b] = true;
            break;
        default: live[in.a] = true; break;
        }
    }
    std::vector<std::uint32_t> renumber(code.size());
    for (std::size_t i = 0; i < code.size(); ++i) {
        if (!live[i]) continue;
        Instr in = code[i];
        switch (in.op) {
        case Op::Const:
        case Op::Input: break;
        case Op::Add:
        case Op::Mul: {
            const auto first = static_cast<std::uint32_t>(operands_.size());
            for (std::uint32_t k = 0; k < in.b; ++k) operands_.push_back(renumber[operands[in.a + k]]);
            in.a = first;
            break;
        }
        case Op::Pow:
            in.a = renumber[in.a];
            in.b = renumber[in.b];
            break;
        case Op::Call:
            in.a = renumber[in.a];
            if (core::func_arity(in.func) == 2) in.b = renumber[in.b];
            break;
        default: in.a = renumber[in.a]; break;
        }
        renumber[i] = static_cast<std::uint32_t>(code_.size());
        code_.push_back(in);
    }
    for (const Expr& r : roots) roots_.push_back(renumber[dag.index(r)]);
}

template <bool Checked>
void Compiled::execute(std::span<const double> x, std::span<double> out) const {
    NABLA_ASSERT(x.size() == num_symbols_, "Compiled::run: wrong number of input values");
    NABLA_ASSERT(out.size() == roots_.size(), "Compiled::run: wrong number of outputs");
    thread_local std::vector<double> slots;
    if (slots.size() < code_.size()) slots.resize(code_.size());
    double* s = slots.data();
    for (std::size_t i = 0; i < code_.size(); ++i) {
        const double r = compute(code_[i], s, x, operands_);
        if constexpr (Checked) check(code_[i], s, r);
        s[i] = r;
    }
    for (std::size_t i = 0; i < roots_.size(); ++i) out[i] = s[roots_[i]];
}

void Compiled::run(std::span<const double> x, std::span<double> out) const { execute<false>(x, out); }
void Compiled::run_checked(std::span<const double> x, std::span<double> out) const { execute<true>(x, out); }

// ---------------------------------------------------------------------------------------------
// evaluate.

Value evaluate(const Expr& e, const Point& at) {
    const Expr roots[] = {e};
    const Dag dag = post_order(roots);
    require_values(dag, [&](const Expr& s) { return at.contains(s.name()); });

    if (std::optional<Expr> folded = substitute_exact(dag, at)) {
        if (folded->is_number()) {
            const mpq_class& q = folded->value();
            const double d = to_double(q);
            if (!std::isfinite(d)) {
                const long digits = static_cast<long>(mpz_sizeinbase(q.get_num_mpz_t(), 10))
                                    - static_cast<long>(mpz_sizeinbase(q.get_den_mpz_t(), 10));
                throw DomainError("overflow: the value (about " + std::string(sgn(q) < 0 ? "-" : "") + "10^"
                                  + std::to_string(digits) + ") is too large for a double");
            }
            return Value{d, q};
        }
        // No symbols are left: what remains is evaluated in double.
        const Expr rest[] = {*folded};
        return Value{run_one_checked(Compiled(rest, {}), {}), std::nullopt};
    }
    // Exact numbers grew too large: evaluate the original expression in double.
    std::vector<Expr> symbols;
    std::vector<double> x;
    for (const Expr* node : dag.nodes) {
        if (!node->is(Kind::Symbol)) continue;
        symbols.push_back(*node);
        x.push_back(to_double(at.find(node->name())->second));
    }
    return Value{run_one_checked(Compiled(roots, symbols), x), std::nullopt};
}

}  // namespace nabla::eval

// reverse.cpp — the reverse sweep: arithmetic rules here, functions' partials from the table.
#include "tape/reverse.hpp"

#include "core/build.hpp"
#include "core/error.hpp"
#include "diff/partials.hpp"
#include "tape/lower.hpp"

#include <array>
#include <optional>
#include <utility>

namespace nabla::tape {

using core::Expr;
using core::Func;

namespace {

// g * d/du f(u, v) and g * d/dv f(u, v) as expressions over the symbols g, u and v, built at
// first use: one product, so that lowering it divides g by a partial's denominator rather
// than multiplying by its reciprocal.
class LocalDerivatives {
public:
    const Expr& times_partial(Func f, std::size_t which) {
        std::optional<Expr>& slot = table_[static_cast<std::size_t>(f)][which];
        if (!slot) {
            const Expr args[] = {u, v};
            slot = core::mul(g, diff::function_partial(f, which, std::span(args, core::func_arity(f))));
        }
        return *slot;
    }

    const Expr g = core::sym("g"), u = core::sym("u"), v = core::sym("v");

private:
    std::array<std::array<std::optional<Expr>, 2>, core::func_count> table_;
};

class Sweep {
public:
    Sweep(Program& p, std::size_t size) : p_(p), bar_(size) {}

    void seed(Ref f) { accumulate(f.slot, f.neg ? p_.number(-1) : p_.number(1)); }

    // Propagates the adjoint of slot s (if any) to its operands.
    void step(Slot s) {
        if (!bar_[s]) return;
        const Ref g = *bar_[s];
        const Instr in = p_[s];
        const Ref r{s, false};
        const Ref a{in.a, false};
        const Ref b{in.b, false};
        switch (in.op) {
        case Op::Input:
        case Op::Const: break;
        case Op::Add:
            accumulate(in.a, g);
            accumulate(in.b, g);
            break;
        case Op::Sub:
            accumulate(in.a, g);
            accumulate(in.b, -g);
            break;
        case Op::Neg: accumulate(in.a, -g); break;
        case Op::Mul:
            if (in.a == in.b) {  // a*a
                const Ref t = p_.mul(g, a);
                accumulate(in.a, p_.add(t, t));
                break;
            }
            accumulate(in.a, p_.mul(g, b));
            accumulate(in.b, p_.mul(g, a));
            break;
        case Op::Div: {  // r = a/b: da = g/b, db = -(g/b)*r
            const Ref q = p_.div(g, b);
            accumulate(in.a, q);
            accumulate(in.b, -p_.mul(q, r));
            break;
        }
        case Op::Sqrt: accumulate(in.a, p_.div(p_.mul(g, p_.number(0.5)), r)); break;
        case Op::Pow:  // r = a^b: da = g*b*a^(b-1) (not b*r/a, which is 0/0 at a = 0), db = g*r*log(a)
            accumulate(in.a, p_.mul(g, p_.mul(b, p_.pow(a, p_.sub(b, p_.number(1))))));
            if (!p_.is_const(a, 0)) accumulate(in.b, p_.mul(g, p_.mul(r, p_.call(Func::Log, a))));
            break;
        case Op::PowInt:
        case Op::PowFrac: {  // r = a^q: da = g*q*a^(q-1)
            const Exponent q = p_.exponents()[in.b];  // a copy: pow() may add exponents
            const mpq_class q1 = q.exact - 1;
            accumulate(in.a, p_.mul(g, p_.mul(p_.number(q.value), p_.pow(a, q1))));
            break;
        }
        case Op::Cbrt: call(Func::Cbrt, in, g); break;
        case Op::Call: call(in.func, in, g); break;
        }
    }

    Ref adjoint(Slot s) const { return bar_[s] ? *bar_[s] : Ref{}; }
    bool has(Slot s) const { return bar_[s].has_value(); }

private:
    // A slot that depends on no variable (a constant, a parameter, a function of parameters)
    // needs no adjoint: nothing below it reaches the gradient.
    void accumulate(Slot s, Ref contribution) {
        if (p_.is_invariant(s) || p_.is_const(contribution, 0)) return;
        bar_[s] = bar_[s] ? p_.add(*bar_[s], contribution) : contribution;
    }

    // f(a) or f(a, b): g times each partial, lowered with u and v bound to the arguments' slots.
    void call(Func f, const Instr& in, Ref g) {
        const int arity = core::func_arity(f);
        const std::pair<Expr, Ref> bindings[] = {
            {local_.g, g}, {local_.u, Ref{in.a, false}}, {local_.v, Ref{in.b, false}}};
        const Slot operands[] = {in.a, in.b};
        for (int k = 0; k < arity; ++k) {
            const Expr& derivative = local_.times_partial(f, static_cast<std::size_t>(k));
            if (derivative.is_number()) continue;  // zero: sign and heaviside
            accumulate(operands[k], Lowering(p_, std::span(bindings, 1 + static_cast<std::size_t>(arity)))(derivative));
        }
    }

    Program& p_;
    std::vector<std::optional<Ref>> bar_;
    LocalDerivatives local_;
};

}  // namespace

std::vector<Ref> reverse_gradient(Program& program, Ref f) {
    const auto end = static_cast<Slot>(program.size());
    Sweep sweep(program, end);
    sweep.seed(f);
    // New instructions are appended past `end`; only the primal part is swept.
    for (Slot s = end; s-- > 0;) sweep.step(s);
    std::vector<Ref> gradient;
    for (std::size_t v = 0; v < program.num_vars(); ++v) {
        const auto s = static_cast<Slot>(v);
        gradient.push_back(sweep.has(s) ? sweep.adjoint(s) : program.number(0));
    }
    return gradient;
}

}  // namespace nabla::tape

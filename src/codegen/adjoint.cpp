// adjoint.cpp — the reverse sweep: one local derivative rule per instruction kind.
#include "codegen/adjoint.hpp"

#include "core/error.hpp"
#include "eval/eval.hpp"

#include <numbers>
#include <optional>

namespace nabla::codegen {

using core::Func;

namespace {

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
        case Op::Cbrt: accumulate(in.a, p_.div(g, p_.mul(p_.number(3), p_.mul(r, r)))); break;
        case Op::Pow:  // r = a^b: da = g*b*a^(b-1) (not b*r/a, which is 0/0 at a = 0), db = g*r*log(a)
            accumulate(in.a, p_.mul(g, p_.mul(b, p_.pow(a, p_.sub(b, one())))));
            if (!p_.is_const(a, 0)) accumulate(in.b, p_.mul(g, p_.mul(r, p_.call(Func::Log, a))));
            break;
        case Op::PowInt:
        case Op::PowFrac: {  // r = a^q: da = g*q*a^(q-1)
            const mpq_class q = p_.exponents()[in.b];
            const mpq_class q1 = q - 1;
            accumulate(in.a, p_.mul(g, p_.mul(p_.number(eval::to_double(q)), p_.pow(a, q1))));
            break;
        }
        case Op::Call: call(in, g, r, a, b); break;
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

    Ref one() { return p_.number(1); }
    Ref square(Ref x) { return p_.mul(x, x); }

    // Local derivatives of the built-in functions, as derivatives.def states them.
    void call(const Instr& in, Ref g, Ref r, Ref a, Ref b) {
        auto to_a = [&](Ref d) { accumulate(in.a, p_.mul(g, d)); };
        auto over_a = [&](Ref d) { accumulate(in.a, p_.div(g, d)); };
        switch (in.func) {
        case Func::Sin: to_a(p_.call(Func::Cos, a)); break;
        case Func::Cos: to_a(-p_.call(Func::Sin, a)); break;
        case Func::Tan: to_a(p_.add(square(r), one())); break;
        case Func::Asin: over_a(p_.sqrt(p_.sub(one(), square(a)))); break;
        case Func::Acos: over_a(-p_.sqrt(p_.sub(one(), square(a)))); break;
        case Func::Atan: over_a(p_.add(square(a), one())); break;
        case Func::Sinh: to_a(p_.call(Func::Cosh, a)); break;
        case Func::Cosh: to_a(p_.call(Func::Sinh, a)); break;
        case Func::Tanh: to_a(p_.sub(one(), square(r))); break;
        case Func::Asinh: over_a(p_.sqrt(p_.add(square(a), one()))); break;
        case Func::Acosh: over_a(p_.sqrt(p_.sub(square(a), one()))); break;
        case Func::Atanh: over_a(p_.sub(one(), square(a))); break;
        case Func::Exp: to_a(r); break;
        case Func::Log: over_a(a); break;
        case Func::Cbrt: over_a(p_.mul(p_.number(3), square(r))); break;
        case Func::Abs: to_a(p_.call(Func::Sign, a)); break;
        case Func::Sign:
        case Func::Heaviside: break;
        case Func::Sigmoid: to_a(p_.mul(r, p_.sub(one(), r))); break;
        case Func::Softplus: to_a(p_.call(Func::Sigmoid, a)); break;
        case Func::Relu: to_a(p_.call(Func::Heaviside, a)); break;
        case Func::Erf:
            to_a(p_.mul(p_.number(std::numbers::inv_sqrtpi * 2), p_.call(Func::Exp, -square(a))));
            break;
        case Func::Atan2: {  // atan2(a, b): da = b/(a^2 + b^2), db = -a/(a^2 + b^2)
            const Ref d = p_.add(square(a), square(b));
            accumulate(in.a, p_.div(p_.mul(g, b), d));
            accumulate(in.b, -p_.div(p_.mul(g, a), d));
            break;
        }
        case Func::Min:
            accumulate(in.a, p_.mul(g, p_.call(Func::Heaviside, p_.sub(b, a))));
            accumulate(in.b, p_.mul(g, p_.call(Func::Heaviside, p_.sub(a, b))));
            break;
        case Func::Max:
            accumulate(in.a, p_.mul(g, p_.call(Func::Heaviside, p_.sub(a, b))));
            accumulate(in.b, p_.mul(g, p_.call(Func::Heaviside, p_.sub(b, a))));
            break;
        }
    }

    Program& p_;
    std::vector<std::optional<Ref>> bar_;
};

}  // namespace

std::vector<Ref> adjoint_gradient(Program& program, Ref f) {
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

}  // namespace nabla::codegen

// test_tape.cpp — the tape: lowering, the interpreter (checked and not), the reverse sweep.
#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "core/build.hpp"
#include "core/double.hpp"
#include "core/error.hpp"
#include "core/function_table.hpp"
#include "diff/calculus.hpp"
#include "eval/eval.hpp"
#include "parse/parse.hpp"
#include "tape/lower.hpp"
#include "tape/reverse.hpp"
#include "support/terms.hpp"
#include "tape/tape.hpp"

namespace {

using namespace nabla;
using namespace nabla::core;
using nabla::eval::evaluate;
using nabla::tape::Tape;

using namespace nabla::testing::terms;

std::vector<Expr> syms(std::initializer_list<const char*> names) {
    std::vector<Expr> v;
    for (const char* n : names) v.push_back(sym(n));
    return v;
}

// The values of `outputs` of a program at x, by its own semantics (tape::compute), so that
// programs the reverse sweep extends can be run whatever their outputs.
std::vector<double> run_program(const tape::Program& p, std::span<const tape::Ref> outputs, std::span<const double> at) {
    std::vector<double> s(p.size());
    for (tape::Slot i = 0; i < p.size(); ++i) {
        const tape::Instr& in = p[i];
        s[i] = in.op == tape::Op::Input ? at[in.a]
                                        : tape::compute(in, s[in.a], tape::is_binary(in) ? s[in.b] : 0.0, p.exponents());
    }
    std::vector<double> out;
    for (const tape::Ref& r : outputs) out.push_back(r.neg ? -s[r.slot] : s[r.slot]);
    return out;
}

}  // namespace

TEST_SUITE("tape") {
    TEST_CASE("program: value numbering, products for powers, signs folded into instructions") {
        const std::vector<Expr> v = syms({"x", "y"});
        tape::Program p(2);
        tape::Lowering lower(p, v);
        const tape::Ref a = lower(parse::parse("x*y"));
        const tape::Ref b = lower(parse::parse("y*x + 0"));
        CHECK(a == b);
        const tape::Ref fifth[] = {lower(parse::parse("x^5"))};  // x2 = x*x, x4 = x2*x2, x5 = x4*x
        CHECK(p.count_live(fifth) == 3);
        const tape::Ref d = lower(parse::parse("x - y"));
        CHECK(p[d.slot].op == tape::Op::Sub);
        const tape::Ref q = lower(parse::parse("x/(y^2*x^(1/2))"));
        CHECK(p[q.slot].op == tape::Op::Div);
        const tape::Ref n = lower(parse::parse("-x*y"));
        CHECK(n.neg);
        CHECK(n.slot == a.slot);
        CHECK_THROWS_AS(lower(parse::parse("z + 1")), nabla::Error);
    }

    TEST_CASE("reverse sweep: the gradient costs a small multiple of the value") {
        std::string text;
        std::vector<Expr> vars;
        for (int i = 1; i <= 100; ++i) vars.push_back(core::sym("x" + std::to_string(i)));
        for (int i = 1; i < 100; ++i)
            text += "+ 100*(x" + std::to_string(i + 1) + " - x" + std::to_string(i) + "^2)^2 + (1 - x" + std::to_string(i) + ")^2";
        tape::Program p(vars.size());
        const tape::Ref f = tape::Lowering(p, vars)(parse::parse(text.substr(2)));
        const tape::Ref outputs[] = {f};
        const std::size_t value_cost = p.count_live(outputs);
        std::vector<tape::Ref> all = tape::reverse_gradient(p, f);
        all.push_back(f);
        const std::size_t total = p.count_live(all);
        CAPTURE(value_cost);
        CAPTURE(total);
        CHECK(total <= 3 * value_cost);
    }

    TEST_CASE("reverse sweep: parameters and what is computed from them alone get no adjoint") {
        tape::Program p(1, 2);
        const tape::Ref f = tape::Lowering(p, syms({"x"}), syms({"a", "b"}))(parse::parse("x*sin(a*b)"));
        const auto before = static_cast<tape::Slot>(p.size());
        const std::vector<tape::Ref> g = tape::reverse_gradient(p, f);
        REQUIRE(g.size() == 1);
        CHECK(p[g[0].slot].op == tape::Op::Call);  // d/dx x*sin(a*b) is the value sin(a*b) has already
        for (tape::Slot s = before; s < p.size(); ++s) CHECK(p.is_const(s));  // the seed only
    }

    TEST_CASE("Tape: checked runs name the failing function") {
        const Expr roots[] = {f(Func::Log, x) + y};
        const Expr symbols[] = {x, y};
        Tape c(roots, symbols);
        double out = 0;
        const double good[] = {std::exp(1.0), 1.0}, bad[] = {-1.0, 1.0}, zero[] = {0.0, 1.0};
        c.run_checked(good, std::span<double>(&out, 1));
        CHECK(out == doctest::Approx(2.0));
        CHECK_THROWS_WITH_AS(c.run_checked(bad, std::span<double>(&out, 1)),
                             "log(-1) is undefined (log of a negative number)", nabla::DomainError);
        CHECK_THROWS_WITH_AS(c.run_checked(zero, std::span<double>(&out, 1)), "log(0) is undefined",
                             nabla::DomainError);
        c.run(bad, std::span<double>(&out, 1));
        CHECK(std::isnan(out));
    }

    TEST_CASE("Tape: shared nodes once, constants folded, many roots") {
        const Expr shared = f(Func::Sin, x * y);
        const Expr roots[] = {shared + q(1), shared * shared * x, f(Func::Cos, q(2)) * x, q(3, 4)};
        const Expr symbols[] = {x, y};
        Tape c(roots, symbols);
        CHECK(c.num_roots() == 4);
        CHECK(c.num_symbols() == 2);
        // x, y, x*y, sin, 1, +, sin^2, *, cos(2) folded, *, 3/4: nothing beyond that.
        CHECK(c.num_instructions() <= 11);
        const double at[] = {0.5, -1.25};
        double out[4];
        c.run(at, out);
        const double s = std::sin(0.5 * -1.25);
        CHECK(out[0] == doctest::Approx(s + 1));
        CHECK(out[1] == doctest::Approx(s * s * 0.5));
        CHECK(out[2] == doctest::Approx(std::cos(2.0) * 0.5));
        CHECK(out[3] == 0.75);
    }

    TEST_CASE("Tape: agrees with evaluate at random rational points") {
        const Expr r2 = pow(x, q(2)) + pow(y, q(2));
        const Expr roots[] = {
            f(Func::Sin, x * y) + f(Func::Exp, -pow(x, q(2))) * f(Func::Cos, y) / (q(1) + pow(x, q(2))) +
                sqrt_of(q(1) + r2) + f(Func::Log, q(1) + pow(y, q(2))) * f(Func::Atan2, y, x),
            f(Func::Sigmoid, x - y) + f(Func::Softplus, q(2) * x) + f(Func::Tanh, x) * f(Func::Erf, y) +
                f(Func::Asinh, x * y) - f(Func::Atan, y),
            pow(x + y, q(3)) - x * pow(y, q(1, 3)) + f(Func::Cbrt, x) +
                f(Func::Abs, x - y) * f(Func::Relu, y) + pow(f(Func::Min, x, y), q(2)) + f(Func::Max, x, y) +
                f(Func::Heaviside, x) * f(Func::Sign, y),
            pow(q(1) + r2, q(-3, 2)) * f(Func::Sinh, x / q(3)) +
                f(Func::Cosh, y / q(4)) / (q(2) + f(Func::Sin, x)),
            pow(q(2) + f(Func::Sin, x), f(Func::Cos, y)) + f(Func::Exp, pi * x / q(6)),
        };
        const Expr symbols[] = {x, y};
        Tape c(roots, symbols);
        std::mt19937 rng(12345);
        std::uniform_int_distribution<long> numerator(-300, 300), denominator(10, 100);
        int compared = 0;
        for (int i = 0; i < 300; ++i) {
            mpq_class xv(numerator(rng), denominator(rng)), yv(numerator(rng), denominator(rng));
            xv.canonicalize();
            yv.canonicalize();
            if (i % 10 == 0) yv = xv;  // kinks: abs(x - y), min = max
            const double at[] = {to_double(xv), to_double(yv)};
            double out[std::size(roots)];
            c.run(at, out);
            for (std::size_t k = 0; k < std::size(roots); ++k) {
                CAPTURE(k);
                CAPTURE(xv.get_str());
                CAPTURE(yv.get_str());
                double want = 0;
                try {
                    want = evaluate(roots[k], {{"x", xv}, {"y", yv}}).number;
                } catch (const nabla::DomainError&) {
                    continue;  // overflow at large |x|: the unchecked run may give inf
                }
                CHECK(out[k] == doctest::Approx(want).epsilon(1e-11).scale(1));
                ++compared;
            }
        }
        CHECK(compared > 1400);
    }

    TEST_CASE("reverse sweep: every function's partials, from the table, agree with diff") {
        // f(u(x, y), v(x, y)) with arguments that keep each function inside its domain.
        const Expr u = f(Func::Tanh, x * y + q(1, 3) * x);                // in (-1, 1)
        const Expr v = q(3, 2) + f(Func::Sin, x - y) / q(4);            // in [5/4, 7/4]
        const std::vector<Expr> vars = {x, y};
        std::mt19937 rng(7);
        std::uniform_real_distribution<double> coordinate(-1.5, 1.5);
        for (int k = 0; k < func_count; ++k) {
            const Func fn = static_cast<Func>(k);
            const FunctionRow& row = function_row(fn);
            CAPTURE(row.name);
            const Expr argument = row.domain == Domain::AtLeastOne || row.domain == Domain::Positive ? v : u;
            const Expr e = row.arity == 1 ? f(fn, argument) * (x + q(2)) : f(fn, u, v) * (x + q(2));
            tape::Program p(2);
            const tape::Ref value = tape::Lowering(p, vars)(e);
            std::vector<tape::Ref> outputs = tape::reverse_gradient(p, value);
            const std::vector<Expr> symbolic = diff::gradient(e, vars);
            const Tape reference(symbolic, vars);
            for (int i = 0; i < 20; ++i) {
                const double at[] = {coordinate(rng), coordinate(rng)};
                double want[2];
                reference.run(at, want);
                const std::vector<double> got = run_program(p, outputs, at);
                CHECK(got[0] == doctest::Approx(want[0]).epsilon(1e-12));
                CHECK(got[1] == doctest::Approx(want[1]).epsilon(1e-12));
            }
        }
    }
}

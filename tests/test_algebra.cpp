// test_algebra.cpp — expand, together, cancel, factor, collect: textbook forms, equality with the
// input at random rational points (exact), round-trip printing, size limits and cancellation.
#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "core/build.hpp"
#include "core/error.hpp"
#include "eval/eval.hpp"
#include "parse/parse.hpp"
#include "print/print.hpp"
#include "simplify/algebra.hpp"
#include "tape/tape.hpp"
#include "support/random_expr.hpp"

namespace {

using namespace nabla;
using core::Expr;

Expr p(const char* text) { return parse::parse(text); }

struct Operation {
    const char* name;
    std::function<Expr(const Expr&)> run;
};

const std::vector<Operation>& operations() {
    static const std::vector<Operation> ops = {
        {"expand", simplify::expand},
        {"together", simplify::together},
        {"cancel", simplify::cancel},
        {"factor", simplify::factor},
        {"collect x", [](const Expr& e) { return simplify::collect(e, std::vector<Expr>{core::sym("x")}); }},
        {"collect y, x",
         [](const Expr& e) { return simplify::collect(e, std::vector<Expr>{core::sym("y"), core::sym("x")}); }},
    };
    return ops;
}

// The printed result reads back as the same expression.
void check_round_trip(const Expr& e) {
    INFO("printed: " << print::infix(e));
    CHECK(parse::parse(print::infix(e)) == e);
}

// A random rational function of x, y, z: sums, products, small integer powers and quotients.
class RandomFraction {
public:
    explicit RandomFraction(std::uint32_t seed) : rng_(seed) {}

    Expr expr(int depth) {
        if (depth == 0 || below(4) == 0) return leaf();
        switch (below(5)) {
        case 0: return expr(depth - 1) + expr(depth - 1);
        case 1: return expr(depth - 1) - expr(depth - 1);
        case 2: return expr(depth - 1) * expr(depth - 1);
        case 3: return core::pow(expr(depth - 1), core::num(static_cast<long>(below(3)) + 2));
        default: {
            const Expr d = expr(depth - 1);
            return d.is_zero() ? expr(depth - 1) : expr(depth - 1) / d;
        }
        }
    }

    mpq_class coordinate() {
        mpq_class q(static_cast<long>(below(41)) - 20, static_cast<long>(below(7)) + 1);
        q.canonicalize();  // gmpxx does not reduce 2/4 itself
        return q;
    }

private:
    std::size_t below(std::size_t n) { return rng_() % n; }
    Expr leaf() {
        static const char* names[] = {"x", "y", "z"};
        if (below(3) == 0) return core::num(static_cast<long>(below(7)) - 3, static_cast<long>(below(3)) + 1);
        return core::sym(names[below(3)]);
    }
    std::mt19937 rng_;
};

}  // namespace

TEST_SUITE("algebra") {

TEST_CASE("expand: textbook cases") {
    CHECK(simplify::expand(p("(x+1)^2 - x^2 - 2*x - 1")) == core::zero());
    CHECK(simplify::expand(p("(a+b)^2 - (a-b)^2")) == p("4*a*b"));
    CHECK(simplify::expand(p("(x + 1)^3")) == p("x^3 + 3*x^2 + 3*x + 1"));
    CHECK(simplify::expand(p("(x + y)*(x - y)")) == p("x^2 - y^2"));
    CHECK(simplify::expand(p("x*(x + 1/x)")) == p("x^2 + 1"));
    // Deep: function arguments and bases of denominators; the denominators stay.
    CHECK(simplify::expand(p("sin((x + 1)^2)")) == p("sin(x^2 + 2*x + 1)"));
    CHECK(simplify::expand(p("1/((x + 1)^2 + 1)")) == p("1/(x^2 + 2*x + 2)"));
    CHECK(simplify::expand(p("(x + 1)^2/(x + 2)")) == p("x^2/(x + 2) + 2*x/(x + 2) + 1/(x + 2)"));
    // Generators: fractional powers and calls.
    CHECK(simplify::expand(p("(sqrt(x) + 1)^2")) == p("x + 2*sqrt(x) + 1"));
    CHECK(simplify::expand(p("(1 + sqrt(2))^2")) == p("3 + 2*sqrt(2)"));
    CHECK(simplify::expand(p("(sin(x) + cos(x))^2")) == p("sin(x)^2 + 2*sin(x)*cos(x) + cos(x)^2"));
    CHECK(simplify::expand(p("x^(3/2)*(x^(1/2) - 1)")) == p("x^2 - x^(3/2)"));
}

TEST_CASE("together: one fraction") {
    CHECK(simplify::together(p("1/x + 1/y")) == p("(x + y)/(x*y)"));
    CHECK(simplify::together(p("1/(2*x) + 1/(2*y)")) == p("(x + y)/(2*x*y)"));
    CHECK(simplify::together(p("1/(x + 1) + 1/(x - 1)")) == p("2*x/((x - 1)*(x + 1))"));
    CHECK(simplify::together(p("sin(x)/x + cos(x)")) == p("(x*cos(x) + sin(x))/x"));
    CHECK(simplify::together(p("x*(1/x + 1)")) == p("x + 1"));  // a base dividing the numerator
    CHECK(simplify::together(p("(x + 1)^2")) == p("(x + 1)^2"));  // no denominator: unchanged
    CHECK(simplify::together(p("1/x^2 + 1/x")) == p("(x + 1)/x^2"));
}

TEST_CASE("cancel: gcd of numerator and denominator") {
    CHECK(simplify::cancel(p("(x^3 - y^3)/(x - y)")) == p("x^2 + x*y + y^2"));
    CHECK(simplify::cancel(p("(x^2 - 1)/(x^2 + 2*x + 1)")) == p("(x - 1)/(x + 1)"));
    CHECK(simplify::cancel(p("(x^2 - y^2)/(x + y)")) == p("x - y"));
    CHECK(simplify::cancel(p("(x^2 - 1)/(2*x - 2)")) == p("x/2 + 1/2"));
    CHECK(simplify::cancel(p("(x + 1)/(2*y)")) == p("(x + 1)/(2*y)"));
    CHECK(simplify::cancel(p("(sin(x)^2 - 1)/(sin(x) + 1)")) == p("sin(x) - 1"));
    CHECK(simplify::cancel(p("1/x + 1/y")) == p("(x + y)/(x*y)"));
    CHECK(simplify::cancel(p("(x + 1)^2")) == p("x^2 + 2*x + 1"));  // expanded, as SymPy's cancel
}

TEST_CASE("factor: over the integers") {
    CHECK(simplify::factor(p("x^2 - 1")) == p("(x - 1)*(x + 1)"));
    CHECK(simplify::factor(p("1 - x^2")) == p("-((x - 1)*(x + 1))"));
    CHECK(simplify::factor(p("x^2/2 - 1/2")) == p("(x - 1)*(x + 1)/2"));
    CHECK(simplify::factor(p("x^3*y - x*y^3")) == p("x*y*(x - y)*(x + y)"));
    CHECK(simplify::factor(p("x^4 + 4")) == p("(x^2 - 2*x + 2)*(x^2 + 2*x + 2)"));
    CHECK(simplify::factor(p("x^2 + 1")) == p("x^2 + 1"));  // irreducible over Q
    CHECK(simplify::factor(p("(x^2 - 1)/(x^2 + 2*x + 1)")) == p("(x - 1)/(x + 1)"));
    CHECK(simplify::factor(p("sin(x)^2 - 1")) == p("(sin(x) - 1)*(sin(x) + 1)"));
    CHECK(simplify::factor(p("x^2 + 2*x*y + y^2")) == p("(x + y)^2"));
    CHECK(simplify::factor(p("(x + 1)^2 - x^2 - 2*x - 1")) == core::zero());
}

TEST_CASE("collect: coefficients of powers") {
    const Expr x = core::sym("x"), y = core::sym("y");
    CHECK(simplify::collect(p("a*x + b*x + c"), std::vector<Expr>{x}) == p("(a + b)*x + c"));
    CHECK(simplify::collect(p("(x + a)^2"), std::vector<Expr>{x}) == p("x^2 + 2*a*x + a^2"));
    CHECK(simplify::collect(p("(a + b)*x^2 + a*x^2*y"), std::vector<Expr>{x}) == p("(a + b + a*y)*x^2"));
    CHECK(simplify::collect(p("a*sqrt(x) + b*sqrt(x) + x*sin(x)"), std::vector<Expr>{x}) ==
          p("(a + b)*sqrt(x) + x*sin(x)"));
    CHECK(simplify::collect(p("x*y + x + y + 1"), std::vector<Expr>{x, y}) == p("x*(y + 1) + y + 1"));
    CHECK_THROWS_AS(simplify::collect(p("x"), std::vector<Expr>{p("x + 1")}), Error);
}

TEST_CASE("check: every operation equals its input at random rational points, exactly") {
    int compared = 0;
    for (std::uint32_t seed = 1; seed <= 150; ++seed) {
        RandomFraction gen(seed);
        Expr e;
        try {
            e = gen.expr(4);
        } catch (const DomainError&) {
            continue;  // 1/0 built by chance
        }
        for (const Operation& op : operations()) {
            Expr r;
            try {
                r = op.run(e);
            } catch (const DomainError&) {
                continue;  // a denominator that expands to 0
            }
            INFO(op.name << "(" << print::infix(e) << ") = " << print::infix(r));
            check_round_trip(r);
            for (int k = 0; k < 3; ++k) {
                const eval::Point at{{"x", gen.coordinate()}, {"y", gen.coordinate()}, {"z", gen.coordinate()}};
                eval::Value want, got;
                try {
                    want = eval::evaluate(e, at);
                } catch (const DomainError&) {
                    continue;  // the input is undefined there (cancel may define it)
                }
                got = eval::evaluate(r, at);
                REQUIRE(want.exact);
                REQUIRE(got.exact);
                CHECK(*got.exact == *want.exact);
                ++compared;
            }
        }
    }
    MESSAGE(compared << " exact comparisons");
    CHECK(compared > 1000);
}

TEST_CASE("check: with functions, constants and fractional powers, values agree in double") {
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> coordinate(0.1, 2.0);  // where sqrt and log are defined
    int compared = 0;
    for (std::uint32_t seed = 1; seed <= 100; ++seed) {
        testing::RandomExpr gen(seed);
        for (int i = 0; i < 4; ++i) {
            const Expr e = gen.expr(3);
            for (const Operation& op : operations()) {
                Expr r;
                try {
                    r = op.run(e);
                } catch (const DomainError&) {
                    continue;
                } catch (const LimitError&) {
                    continue;  // a large power drawn by chance
                }
                INFO(op.name << "(" << print::infix(e) << ") = " << print::infix(r));
                check_round_trip(r);
                const Expr roots[] = {e, r};
                const tape::Tape f(roots, gen.symbols());
                for (int k = 0; k < 3; ++k) {
                    const double x[] = {coordinate(rng), coordinate(rng), coordinate(rng)};
                    double out[2];
                    f.run(x, out);
                    if (!std::isfinite(out[0]) || std::abs(out[0]) > 1e6) continue;
                    CHECK(out[1] == doctest::Approx(out[0]).epsilon(1e-7).scale(1.0));
                    ++compared;
                }
            }
        }
    }
    MESSAGE(compared << " values compared");
    CHECK(compared > 1000);
}

TEST_CASE("limits: large expansions are errors naming the limit") {
    auto message = [](const char* text, Expr (*op)(const Expr&)) {
        try {
            op(p(text));
        } catch (const LimitError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK(message("(x + y)^1000", simplify::expand).find("the power 1000 is more than 500") != std::string::npos);
    CHECK(message("(a + b + c + d)^60", simplify::expand).find("more than 10000 terms") != std::string::npos);
    CHECK(message("(x + 1)^300*(x - 1)^300", simplify::expand).find("degree 600 is more than 500") !=
          std::string::npos);
    CHECK(message("(3^5000*x + 1)^20", simplify::expand).find("bits") != std::string::npos);
    CHECK(message("1/(a + b + c + d)^60 + 1", simplify::cancel).find("more than 10000 terms") != std::string::npos);
    CHECK(message("(a + b + c + d)^60", simplify::factor).find("more than 10000 terms") != std::string::npos);
    CHECK(message("(x + 1)^(10^30)", simplify::expand).find("the power") != std::string::npos);
    // Within the limits: handled.
    CHECK(simplify::expand(p("(x + y)^100")).size() == 101);
}

TEST_CASE("limits: deep expressions and cancellation") {
    // Thousands of levels, of calls and of arithmetic: no recursion on the depth.
    Expr deep = core::sym("x");
    for (int i = 0; i < 2000; ++i) deep = core::call(core::Func::Sin, deep + core::one());
    CHECK(simplify::expand(deep) == deep);
    Expr chain = core::sym("x");
    for (int i = 0; i < 2000; ++i) chain = (chain + core::one()) * core::sym("y" + std::to_string(i % 3));
    CHECK_THROWS_AS(simplify::expand(chain), LimitError);  // degree 2000, refused without a crash
    // A requested cancel stops the work.
    core::request_cancel();
    CHECK_THROWS_AS(simplify::expand(p("(a + b + c)^30")), Cancelled);
    core::clear_cancel();
    CHECK(simplify::expand(p("(a + b)^2")) == p("a^2 + 2*a*b + b^2"));
}

TEST_CASE("domain: a denominator that expands to zero is a domain error") {
    CHECK_THROWS_AS(simplify::cancel(p("1/((x + 1)^2 - x^2 - 2*x - 1)")), DomainError);
    CHECK_THROWS_AS(simplify::together(p("1/((x + 1)^2 - x^2 - 2*x - 1)")), DomainError);
}

}  // TEST_SUITE

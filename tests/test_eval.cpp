// test_eval.cpp — exact and double evaluation: values, domains, kinks, the tape, deep DAGs.
#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "core/build.hpp"
#include "core/error.hpp"
#include "core/double.hpp"
#include "eval/eval.hpp"
#include "support/terms.hpp"
#include "tape/tape.hpp"

namespace {

using namespace nabla::core;
using nabla::tape::Tape;
using nabla::eval::evaluate;
using nabla::eval::Point;

using namespace nabla::testing::terms;

double run1(const Expr& e, std::vector<Expr> symbols, std::vector<double> at) {
    const Expr roots[] = {e};
    Tape c(roots, symbols);
    double out = 0;
    c.run(at, std::span<double>(&out, 1));
    return out;
}

struct ExactCase {
    std::string what;
    Expr expr;
    Point at;
    mpq_class want;
};

struct FloatCase {
    std::string what;
    Expr expr;
    mpq_class at;  // value of x
    std::function<double(double)> want;
};

struct DomainCase {
    std::string what;
    Expr expr;
    Point at;
    std::string message;  // a part of the expected message
};

}  // namespace

TEST_SUITE("eval") {
    TEST_CASE("evaluate: exact values") {
        const std::vector<ExactCase> cases = {
            {"x^2/3 at 1/2", pow(x, q(2)) / q(3), {{"x", mpq_class(1, 2)}}, mpq_class(1, 12)},
            {"cos(pi/3)*x at 4", f(Func::Cos, pi / q(3)) * x, {{"x", 4}}, 2},
            {"log(x)/log(y) = log(100, 10)", f(Func::Log, x) / f(Func::Log, y), {{"x", 100}, {"y", 10}}, 2},
            {"x^(1/3) at -8", pow(x, q(1, 3)), {{"x", -8}}, -2},
            {"x^(2/3) at -8", pow(x, q(2, 3)), {{"x", -8}}, 4},
            {"sqrt(x) at 9/4", sqrt_of(x), {{"x", mpq_class(9, 4)}}, mpq_class(3, 2)},
            {"x^(-3/2) at 4", pow(x, q(-3, 2)), {{"x", 4}}, mpq_class(1, 8)},
            {"sin(pi*x) at 1/6", f(Func::Sin, pi * x), {{"x", mpq_class(1, 6)}}, mpq_class(1, 2)},
            {"(x+y)^2 - x^2 - 2xy - y^2",
             pow(x + y, q(2)) - pow(x, q(2)) - q(2) * x * y - pow(y, q(2)),
             {{"x", mpq_class(1, 2)}, {"y", mpq_class(-1, 3)}},
             0},
            {"exp(x) at 0", f(Func::Exp, x), {{"x", 0}}, 1},
            {"atan2(0, x) at 2", f(Func::Atan2, y, x), {{"x", 2}, {"y", 0}}, 0},
            {"x^1001 at -1", pow(x, q(1001)), {{"x", -1}}, -1},
            {"x^100 at 2", pow(x, q(100)), {{"x", 2}}, mpq_class(mpz_class(1) << 100)},
            {"abs(x) at -3/2", f(Func::Abs, x), {{"x", mpq_class(-3, 2)}}, mpq_class(3, 2)},
            {"sign(x) at -7", f(Func::Sign, x), {{"x", -7}}, -1},
            {"relu(x) at 5/2", f(Func::Relu, x), {{"x", mpq_class(5, 2)}}, mpq_class(5, 2)},
            {"relu(x) at -2", f(Func::Relu, x), {{"x", -2}}, 0},
            {"min(x, y)",
             f(Func::Min, x, y),
             {{"x", mpq_class(1, 3)}, {"y", mpq_class(1, 4)}},
             mpq_class(1, 4)},
            {"max(x, y)",
             f(Func::Max, x, y),
             {{"x", mpq_class(1, 3)}, {"y", mpq_class(1, 4)}},
             mpq_class(1, 3)},
            {"cbrt(x) at 27/8", f(Func::Cbrt, x), {{"x", mpq_class(27, 8)}}, mpq_class(3, 2)},
            {"sqrt(x)*sqrt(x) at 2", sqrt_of(x) * sqrt_of(y), {{"x", 2}, {"y", 2}}, 2},
            {"extra values are ignored", x + q(1), {{"x", 1}, {"unused", 5}}, 2},
            {"no symbols", q(1, 3) + q(1, 6), {}, mpq_class(1, 2)},
            {"2^-2000 underflows to 0 but stays exact",
             pow(x, q(-2000)),
             {{"x", 2}},
             mpq_class(mpz_class(1), mpz_class(1) << 2000)},
        };
        for (const ExactCase& c : cases) {
            CAPTURE(c.what);
            const auto v = evaluate(c.expr, c.at);
            REQUIRE(v.exact.has_value());
            CHECK(*v.exact == c.want);
            CHECK(v.number == nabla::core::to_double(c.want));
        }
    }

    TEST_CASE("to_double: correctly rounded") {
        using nabla::core::to_double;
        CHECK(to_double(mpq_class(1, 3)) == 1.0 / 3.0);
        CHECK(to_double(mpq_class(1, 10)) == 0.1);
        CHECK(to_double(mpq_class(-7, 3)) == -7.0 / 3.0);
        const mpz_class two53 = mpz_class(1) << 53;
        CHECK(to_double(mpq_class(two53 + 1)) == 9007199254740992.0);  // tie to even
        CHECK(to_double(mpq_class(two53 + 3)) == 9007199254740996.0);  // tie to even, upwards
        const mpz_class two1074 = mpz_class(1) << 1074;
        CHECK(to_double(mpq_class(mpz_class(1), two1074)) == std::numeric_limits<double>::denorm_min());
        CHECK(to_double(mpq_class(mpz_class(1), two1074 * 2)) == 0.0);  // tie to even: 0
        CHECK(to_double(mpq_class(mpz_class(3), two1074 * 4)) == std::numeric_limits<double>::denorm_min());
        CHECK(std::signbit(to_double(mpq_class(mpz_class(-1), two1074 * 4))));
        const mpz_class two1024 = mpz_class(1) << 1024, two970 = mpz_class(1) << 970;
        CHECK(to_double(mpq_class(two1024 - two970 - 1)) == std::numeric_limits<double>::max());
        CHECK(to_double(mpq_class(two1024 - two970)) == std::numeric_limits<double>::infinity());
        CHECK(to_double(mpq_class(-two1024)) == -std::numeric_limits<double>::infinity());
        CHECK(to_double(pi) == M_PI);
        CHECK(to_double(constant(Constant::E)) == M_E);
        CHECK_THROWS_AS(to_double(x), nabla::InternalError);
        // IEEE division of exactly representable integers is correctly rounded too.
        std::mt19937_64 rng(7);
        std::uniform_int_distribution<long> big(-(1L << 53), 1L << 53), positive(1, 1L << 53);
        for (int i = 0; i < 2000; ++i) {
            const long a = big(rng), b = positive(rng);
            mpq_class r(a, b);
            r.canonicalize();
            CHECK(to_double(r) == static_cast<double>(a) / static_cast<double>(b));
        }
    }

    TEST_CASE("evaluate: double values of every function against <cmath>") {
        const std::vector<FloatCase> cases = {
            {"sin", f(Func::Sin, x), mpq_class(1, 3), [](double v) { return std::sin(v); }},
            {"cos", f(Func::Cos, x), mpq_class(1, 3), [](double v) { return std::cos(v); }},
            {"tan", f(Func::Tan, x), mpq_class(1, 3), [](double v) { return std::tan(v); }},
            {"asin", f(Func::Asin, x), mpq_class(1, 3), [](double v) { return std::asin(v); }},
            {"acos", f(Func::Acos, x), mpq_class(-1, 3), [](double v) { return std::acos(v); }},
            {"atan", f(Func::Atan, x), mpq_class(2), [](double v) { return std::atan(v); }},
            {"atan2", f(Func::Atan2, q(1, 3), x), mpq_class(-2, 3),
             [](double v) { return std::atan2(1.0 / 3, v); }},
            {"sinh", f(Func::Sinh, x), mpq_class(1, 3), [](double v) { return std::sinh(v); }},
            {"cosh", f(Func::Cosh, x), mpq_class(-1, 3), [](double v) { return std::cosh(v); }},
            {"tanh", f(Func::Tanh, x), mpq_class(1, 3), [](double v) { return std::tanh(v); }},
            {"asinh", f(Func::Asinh, x), mpq_class(1, 3), [](double v) { return std::asinh(v); }},
            {"acosh", f(Func::Acosh, x), mpq_class(2), [](double v) { return std::acosh(v); }},
            {"atanh", f(Func::Atanh, x), mpq_class(1, 2), [](double v) { return std::atanh(v); }},
            {"exp", f(Func::Exp, x), mpq_class(1, 3), [](double v) { return std::exp(v); }},
            {"log", f(Func::Log, x), mpq_class(3), [](double v) { return std::log(v); }},
            {"cbrt", f(Func::Cbrt, x), mpq_class(2), [](double v) { return std::cbrt(v); }},
            {"abs", f(Func::Abs, x), mpq_class(-5, 4), [](double v) { return std::fabs(v); }},
            {"sign", f(Func::Sign, x), mpq_class(-5, 4), [](double) { return -1.0; }},
            {"heaviside", f(Func::Heaviside, x), mpq_class(5, 4), [](double) { return 1.0; }},
            {"sigmoid", f(Func::Sigmoid, x), mpq_class(1, 3),
             [](double v) { return 1 / (1 + std::exp(-v)); }},
            {"sigmoid, large negative", f(Func::Sigmoid, x), mpq_class(-800), [](double) { return 0.0; }},
            {"sigmoid, large positive", f(Func::Sigmoid, x), mpq_class(800), [](double) { return 1.0; }},
            {"softplus", f(Func::Softplus, x), mpq_class(1, 3),
             [](double v) { return std::log(1 + std::exp(v)); }},
            {"softplus, large", f(Func::Softplus, x), mpq_class(800), [](double) { return 800.0; }},
            {"softplus, just above 30", f(Func::Softplus, x), mpq_class(31),
             [](double v) { return v + std::exp(-v); }},
            {"softplus, large negative", f(Func::Softplus, x), mpq_class(-800), [](double) { return 0.0; }},
            {"relu", f(Func::Relu, x), mpq_class(5, 4), [](double v) { return v; }},
            {"erf", f(Func::Erf, x), mpq_class(1, 2), [](double v) { return std::erf(v); }},
            {"min", f(Func::Min, x, f(Func::Sin, q(1))), mpq_class(1, 2),
             [](double v) { return std::fmin(v, std::sin(1.0)); }},
            {"max", f(Func::Max, x, f(Func::Sin, q(1))), mpq_class(1, 2),
             [](double v) { return std::fmax(v, std::sin(1.0)); }},
            {"x^(1/3) at -2: the real root", pow(x, q(1, 3)), mpq_class(-2),
             [](double v) { return std::cbrt(v); }},
            {"x^(2/3) at -2", pow(x, q(2, 3)), mpq_class(-2), [](double v) { return std::cbrt(v * v); }},
            {"x^(5/3) at -2", pow(x, q(5, 3)), mpq_class(-2),
             [](double v) { return -std::pow(-v, 5.0 / 3); }},
            {"x^(3/2)", pow(x, q(3, 2)), mpq_class(2), [](double v) { return std::pow(v, 1.5); }},
            {"x^sin(1)", pow(x, f(Func::Sin, q(1))), mpq_class(3),
             [](double v) { return std::pow(v, std::sin(1.0)); }},
            {"sin(x)^sin(x)", pow(f(Func::Sin, x), f(Func::Sin, x)), mpq_class(1),
             [](double v) { return std::pow(std::sin(v), std::sin(v)); }},
            {"x^1000000 at 1 + 1e-7", pow(x, q(1000000)), mpq_class(10000001, 10000000),
             [](double v) { return std::pow(v, 1e6); }},
            {"pi*x + e", pi * x + constant(Constant::E), mpq_class(1, 7),
             [](double v) { return M_PI * v + M_E; }},
        };
        for (const FloatCase& c : cases) {
            CAPTURE(c.what);
            const double at = nabla::core::to_double(c.at);
            const double want = c.want(at);
            const auto v = evaluate(c.expr, {{"x", c.at}});
            CHECK(v.number == doctest::Approx(want).epsilon(1e-14));
            CHECK(run1(c.expr, {x}, {at}) == doctest::Approx(want).epsilon(1e-14));
        }
    }

    TEST_CASE("evaluate: domain errors") {
        const std::vector<DomainCase> cases = {
            {"log(0)", f(Func::Log, x), {{"x", 0}}, "log(0)"},
            {"log(-1)", f(Func::Log, x), {{"x", -1}}, "log(-1)"},
            {"log(x - y) at x = y", f(Func::Log, x - y), {{"x", 3}, {"y", 3}}, "log(0)"},
            {"1/x at 0", q(1) / x, {{"x", 0}}, "division by zero"},
            {"x^-2 at 0", pow(x, q(-2)), {{"x", 0}}, "division by zero"},
            {"1/(x - y) at x = y", pow(x - y, q(-1)), {{"x", 2}, {"y", 2}}, "division by zero"},
            {"sqrt(-2)", sqrt_of(x), {{"x", -2}}, "sqrt(-2)"},
            {"x^(1/4) at -16", pow(x, q(1, 4)), {{"x", -16}}, "even root"},
            {"sqrt(x)*sqrt(y) at -1, -1", sqrt_of(x) * sqrt_of(y), {{"x", -1}, {"y", -1}}, "sqrt(-1)"},
            {"sqrt(sin(x)) at -1", sqrt_of(f(Func::Sin, x)), {{"x", -1}}, "sqrt"},
            {"x^sin(y) at x < 0", pow(x, f(Func::Sin, y)), {{"x", -2}, {"y", 1}}, "fractional power"},
            {"tan(pi*x) at 1/2", f(Func::Tan, pi * x), {{"x", mpq_class(1, 2)}}, "tan(1/2*pi)"},
            {"tan(pi*x) at -3/2", f(Func::Tan, pi * x), {{"x", mpq_class(-3, 2)}}, "pole of tan"},
            {"asin(2)", f(Func::Asin, x), {{"x", 2}}, "asin(2)"},
            {"acos(-3/2)", f(Func::Acos, x), {{"x", mpq_class(-3, 2)}}, "acos(-1.5)"},
            {"acosh(1/2)", f(Func::Acosh, x), {{"x", mpq_class(1, 2)}}, "acosh(0.5)"},
            {"atanh(1)", f(Func::Atanh, x), {{"x", 1}}, "atanh(1)"},
            {"atanh(-1)", f(Func::Atanh, x), {{"x", -1}}, "atanh"},
            {"log(sin(x)) at -1 (double path)",
             f(Func::Log, f(Func::Sin, x)),
             {{"x", -1}},
             "log of a negative"},
            {"exp(1000)", f(Func::Exp, x), {{"x", 1000}}, "overflow: exp(1000)"},
            {"sinh(1000)", f(Func::Sinh, x), {{"x", 1000}}, "overflow"},
            {"exp(x)^2 at 400", pow(f(Func::Exp, x), q(2)), {{"x", 400}}, "overflow"},
            {"x^1000000 at 3/2", pow(x, q(1000000)), {{"x", mpq_class(3, 2)}}, "overflow"},
            {"x^600000*y^600000 at 3/2",
             pow(x, q(600000)) * pow(y, q(600000)),
             {{"x", mpq_class(3, 2)}, {"y", mpq_class(3, 2)}},
             "overflow"},
            {"exact but beyond double: x^2000 at 2", pow(x, q(2000)), {{"x", 2}}, "overflow"},
            {"big exact times sin", pow(x, q(2000)) * f(Func::Sin, x), {{"x", 2}}, "overflow"},
        };
        for (const DomainCase& c : cases) {
            CAPTURE(c.what);
            std::string message;
            try {
                const auto v = evaluate(c.expr, c.at);
                FAIL("no error; value " << v.number);
            } catch (const nabla::DomainError& e) {
                message = e.what();
            }
            CAPTURE(message);
            CHECK(message.find(c.message) != std::string::npos);
        }
    }

    TEST_CASE("evaluate: a symbol without a value") {
        try {
            evaluate(x + y * sym("z"), {{"x", 1}});
            FAIL("no error");
        } catch (const nabla::DomainError&) {
            FAIL("a missing value is not a domain error");
        } catch (const nabla::Error& e) {
            CHECK(std::string(e.what()) == "no value for 'y'");
        }
        const Expr roots[] = {x + y};
        const Expr symbols[] = {x};
        CHECK_THROWS_WITH_AS(Tape(roots, symbols), "no value for 'y'", nabla::Error);
    }

    TEST_CASE("evaluate: kink conventions, exact and double") {
        // Exact: the core folds these at rational points.
        CHECK(*evaluate(f(Func::Heaviside, x), {{"x", 0}}).exact == mpq_class(1, 2));
        CHECK(*evaluate(f(Func::Sign, x), {{"x", 0}}).exact == 0);
        CHECK(*evaluate(f(Func::Relu, x), {{"x", 0}}).exact == 0);
        CHECK(*evaluate(f(Func::Abs, x), {{"x", 0}}).exact == 0);
        CHECK(*evaluate(f(Func::Sigmoid, x), {{"x", 0}}).exact == mpq_class(1, 2));
        CHECK(evaluate(f(Func::Softplus, x), {{"x", 0}}).number == doctest::Approx(std::log(2.0)));
        // Double: the same values from the compiled program.
        CHECK(run1(f(Func::Heaviside, x), {x}, {0.0}) == 0.5);
        CHECK(run1(f(Func::Heaviside, x), {x}, {-0.0}) == 0.5);
        CHECK(run1(f(Func::Sign, x), {x}, {0.0}) == 0.0);
        CHECK(run1(f(Func::Relu, x), {x}, {0.0}) == 0.0);
        CHECK(run1(f(Func::Relu, x), {x}, {-3.0}) == 0.0);
        CHECK(run1(f(Func::Abs, x), {x}, {-0.0}) == 0.0);
        CHECK(run1(f(Func::Sigmoid, x), {x}, {0.0}) == 0.5);
        CHECK(run1(f(Func::Min, x, y), {x, y}, {2.0, -1.0}) == -1.0);
        CHECK(run1(f(Func::Max, x, y), {x, y}, {2.0, -1.0}) == 2.0);
        CHECK(run1(pow(x, q(1, 3)), {x}, {-8.0}) == -2.0);
        CHECK(run1(f(Func::Cbrt, x), {x}, {-27.0}) == doctest::Approx(-3.0));
        // Unchecked runs let NaN through the piecewise functions instead of inventing a value.
        const double nan = std::numeric_limits<double>::quiet_NaN();
        for (Func fn : {Func::Sign, Func::Heaviside, Func::Relu, Func::Abs, Func::Sigmoid, Func::Softplus})
            CHECK(std::isnan(run1(f(fn, x), {x}, {nan})));
        CHECK(std::isnan(run1(f(Func::Min, x, y), {x, y}, {nan, 1.0})));
        CHECK(std::isnan(run1(f(Func::Max, x, y), {x, y}, {1.0, nan})));
        CHECK(std::isnan(run1(f(Func::Log, x), {x}, {-1.0})));
        CHECK(std::isnan(run1(sqrt_of(x), {x}, {-1.0})));
        CHECK(std::isnan(run1(pow(x, q(1, 4)), {x}, {-1.0})));
        CHECK(std::isinf(run1(pow(x, q(-1)), {x}, {0.0})));
    }

    TEST_CASE("evaluate: a deep chain and a wide DAG, without recursion") {
        // 4000 nested calls: sin(sin(...sin(x)...)).
        Expr deep = x;
        for (int i = 0; i < 4000; ++i) deep = f(Func::Sin, deep);
        double want = 0.5;
        for (int i = 0; i < 4000; ++i) want = std::sin(want);
        CHECK(evaluate(deep, {{"x", mpq_class(1, 2)}}).number == doctest::Approx(want).epsilon(1e-12));
        CHECK(run1(deep, {x}, {0.5}) == doctest::Approx(want).epsilon(1e-12));

        // Deep and exact: ((x + 1)/2 + 1)/2 ... folds to a rational at every level.
        Expr halves = x;
        mpq_class exact = 3;
        for (int i = 0; i < 1500; ++i) {
            halves = f(Func::Abs, (halves + q(1)) / q(2));
            exact = (exact + 1) / 2;
        }
        const auto v = evaluate(halves, {{"x", 3}});
        REQUIRE(v.exact.has_value());
        CHECK(*v.exact == exact);

        // 300 levels of e = sin(e) + cos(e): a tree of 2^300 nodes, a DAG of about 900.
        Expr wide = x;
        double w = 0.25;
        for (int i = 0; i < 300; ++i) {
            wide = f(Func::Sin, wide) + f(Func::Cos, wide);
            w = std::sin(w) + std::cos(w);
        }
        CHECK(evaluate(wide, {{"x", mpq_class(1, 4)}}).number == doctest::Approx(w).epsilon(1e-12));
        CHECK(run1(wide, {x}, {0.25}) == doctest::Approx(w).epsilon(1e-12));
    }

}  // TEST_SUITE("eval")

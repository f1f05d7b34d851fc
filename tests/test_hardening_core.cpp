// test_hardening_core.cpp — exact numbers whose size comes from the input: roots of huge index,
// perfect powers of huge numbers and fractional exponents from doubles stay bounded and exact.
#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <sstream>
#include <string>

#include "core/build.hpp"
#include "core/error.hpp"
#include "core/number.hpp"
#include "eval/eval.hpp"
#include "opt/data.hpp"
#include "opt/fit.hpp"
#include "opt/minimize.hpp"
#include "opt/row_values.hpp"
#include "parse/parse.hpp"
#include "print/print.hpp"

namespace {

using namespace nabla::core;
using nabla::parse::parse;

mpz_class power_of(const mpz_class& base, unsigned long k) {
    mpz_class r;
    mpz_pow_ui(r.get_mpz_t(), base.get_mpz_t(), k);
    return r;
}

double value_of(const std::string& text) { return nabla::eval::evaluate(parse(text), {}).number; }

}  // namespace

TEST_SUITE("hardening: exact numbers") {
    TEST_CASE("A rational exponent with a huge denominator stays symbolic instead of computing p^q") {
        // These computed 2^(10^12) (GMP abort) and 2^(10^10) (1.2 GB) to look for a root.
        const struct {
            std::string text;
            double value;
        } cases[] = {{"2^(1/1000000000000)", std::pow(2.0, 1e-12)},
                     {"2^(1/10000000000)", std::pow(2.0, 1e-10)},
                     {"3^(7/100000000000000000000)", std::pow(3.0, 7e-20)},
                     {"(2/3)^(1/10000000000)", std::pow(2.0 / 3.0, 1e-10)},
                     {"8^(1/(2^70))", std::pow(8.0, std::ldexp(1.0, -70))}};
        for (const auto& c : cases) {
            CAPTURE(c.text);
            const Expr e = parse(c.text);
            CHECK_FALSE(e.is_number());
            CHECK(parse(nabla::print::infix(e)) == e);
            CHECK(value_of(c.text) == doctest::Approx(c.value).epsilon(1e-15));
        }
        // Perfect roots are still taken out when the index is small.
        CHECK(parse("8^(1/3)") == num(2));
        CHECK(parse("(27/8)^(2/3)") == num(9, 4));
    }

    TEST_CASE("eval of a power at a value read from a double answers in double") {
        // x = 0.30000000000000004 is 7500000000000001/25000000000000000 exactly.
        nabla::eval::Point at;
        at.emplace("x", mpq_class("7500000000000001/25000000000000000"));
        const auto v = nabla::eval::evaluate(parse("2^x"), at);
        CHECK_FALSE(v.exact.has_value());
        CHECK(v.number == doctest::Approx(std::pow(2.0, 0.30000000000000004)));
    }

    TEST_CASE("Odd roots of negative numbers use the whole root index, never a truncated one") {
        // The index was cut to 64 bits: (2^64+3) became 3, and (-8)^(1/3) is -2.
        CHECK(value_of("(-8)^(1/(2^64+3))") == doctest::Approx(-std::pow(8.0, 1.0 / 18446744073709551619.0)));
        CHECK(value_of("(-8)^(1/(2^65+1))") == doctest::Approx(-1.0));
        CHECK(value_of("(-8)^(2/(2^64+3))") == doctest::Approx(1.0));
        CHECK(parse("(-8)^(1/3)") == num(-2));
        CHECK(parse("(-32)^(3/5)") == num(-8));
    }

    TEST_CASE("exact_root is exact for every index, small or huge") {
        std::mt19937_64 rng(7);
        for (int i = 0; i < 200; ++i) {
            const unsigned long q = 1 + rng() % 12;
            const mpz_class r = static_cast<unsigned long>(rng() % 1000) + 1;
            const mpq_class n(power_of(r, q));
            CAPTURE(n.get_str());
            CAPTURE(q);
            const auto root = exact_root(n, q);
            REQUIRE(root.has_value());
            CHECK(*root == mpq_class(r));
            if (q >= 2) CHECK_FALSE(exact_root(n + 1, q).has_value());  // r^q < r^q + 1 < (r+1)^q
        }
        CHECK_FALSE(exact_root(mpq_class(8), 1'000'000'000'000ul).has_value());
        CHECK(exact_root(mpq_class(1), 1'000'000'000'000ul) == mpq_class(1));
        CHECK(exact_root(mpq_class(-1), 1'000'000'000'001ul) == mpq_class(-1));
    }

    TEST_CASE("perfect_power finds the smallest root of powers, however large") {
        std::mt19937_64 rng(11);
        for (int i = 0; i < 200; ++i) {
            const mpz_class m = static_cast<unsigned long>(rng() % 5000) + 2;
            const unsigned long k = 1 + rng() % 40;
            const mpz_class n = power_of(m, k);
            CAPTURE(n.get_str());
            const PerfectPower p = perfect_power(n);
            CHECK(power_of(p.root, p.exponent) == n);
            CHECK(p.exponent % k == 0);  // at least as deep as the root it was built from
        }
        // Exponents with no small prime are found through a small prime factor of the root.
        CHECK(perfect_power(power_of(2, 1009)).exponent == 1009);
        CHECK(perfect_power(power_of(6, 2003)).exponent == 2003);
        CHECK(perfect_power(mpz_class(1009 * 1013)).exponent == 1);
    }

    TEST_CASE("log of a big exact power is bounded work") {
        // These tried every root index from the bit count down: 10 s and about 2 hours.
        CHECK(nabla::print::infix(parse("log(10^30000)")) == "30000*log(10)");
        const Expr big = parse("log((10^150000+1)^2)");
        CHECK(big == mul(num(2), call(Func::Log, parse("10^150000+1"))));
        CHECK(nabla::print::infix(parse("log(2^12*3^6)")) == "6*log(12)");
        CHECK(nabla::print::infix(parse("log(1009^1000)")) == "1000*log(1009)");
    }
}

TEST_SUITE("hardening: optimizers") {
    TEST_CASE("a fit whose rows are finite but whose sum of squares overflows at the start is an error") {
        // a*exp(b*x) at b = 5 over x = 0..100: every row is below the double range, the sum is
        // not. The start check tested rows only, and the report then read an empty point.
        std::ostringstream csv;
        csv << "x,y\n";
        for (int i = 0; i <= 100; ++i) csv << i << "," << 2 * std::exp(0.05 * i) << "\n";
        std::istringstream in(csv.str());
        const nabla::opt::Table data = nabla::opt::read_csv(in, "exp.csv");
        const std::vector<Expr> params = {sym("a"), sym("b")};
        const nabla::opt::LeastSquares f(parse("a*exp(b*x)"), params, data, nabla::opt::row_values(parse("y"), data, "--target"));
        for (auto method : {nabla::opt::Method::GradientDescent, nabla::opt::Method::Newton, nabla::opt::Method::LBFGS}) {
            nabla::opt::Options o;
            o.method = method;
            CHECK_THROWS_AS(nabla::opt::minimize(f, Eigen::Vector2d(1, 5), o), nabla::DomainError);
            const auto r = nabla::opt::minimize(f, Eigen::Vector2d(1, 0.1), o);
            CHECK(r.x.size() == 2);
        }
    }
}

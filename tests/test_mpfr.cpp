// test_mpfr.cpp — eval to N digits with MPFR: known constants, exact rounding, every function
// against double evaluation, domains and limits.
#include <doctest/doctest.h>

#include "core/build.hpp"
#include "core/error.hpp"
#include "core/expr.hpp"
#include "core/function_table.hpp"
#include "core/limits.hpp"
#include "eval/eval.hpp"
#include "eval/mpfr.hpp"
#include "parse/parse.hpp"

#include <cmath>
#include <cstdlib>
#include <string>

namespace {

using nabla::eval::decimal_text;
using nabla::eval::decimal_value;

std::string digits(const std::string& text, std::size_t n) { return decimal_value(nabla::parse::parse(text), n); }

std::string rational(const char* q, std::size_t n) { return decimal_text(mpq_class(q), n); }

}  // namespace

TEST_SUITE("mpfr") {
    TEST_CASE("MPFR: known constants to many digits") {
        CHECK(digits("pi", 50) == "3.1415926535897932384626433832795028841971693993751");
        CHECK(digits("e", 30) == "2.71828182845904523536028747135");
        CHECK(digits("sqrt(2)", 40) == "1.414213562373095048801688724209698078570");  // ...0785696 rounds up
        CHECK(digits("exp(1000)", 20) == "1.9700711140170469939e434");  // beyond the double range
        CHECK(digits("pi", 1) == "3");
        const std::string many = digits("pi", nabla::limits::max_eval_digits);
        CHECK(many.size() == nabla::limits::max_eval_digits + 1);  // the digits and the point
        CHECK(many.rfind("3.14159265358979", 0) == 0);
    }

    TEST_CASE("MPFR: the real error of an approximation, where a double keeps ten digits") {
        CHECK(digits("577/408 - sqrt(2)", 30) == "2.12390141475511987990324128231e-6");
        const double d = nabla::eval::evaluate(nabla::parse::parse("577/408 - sqrt(2)"), {}).number;
        CHECK(std::fabs(d - 2.12390141475511987990e-6) > 1e-17);  // the double's rounding shows
        CHECK(digits("(-pi)^(1/3)", 19) == "-1.464591887561523263");  // the real odd root
        CHECK(digits("sigmoid(-1000)", 10) == "5.075958898e-435");    // no overflow in exp(1000)
        CHECK(digits("softplus(1000)", 8) == "1000.0000");
        CHECK(digits("exp(-10^6)", 10) == "3.296831478e-434295");    // not 0: log of it is defined
        CHECK(digits("log(exp(-10^6))", 5) == "-1.0000e6");
    }

    TEST_CASE("MPFR: exact values are rounded exactly, ties to even") {
        CHECK(rational("1/3", 5) == "0.33333");
        CHECK(rational("2/3", 5) == "0.66667");
        CHECK(rational("-2/3", 3) == "-0.667");
        CHECK(rational("3/20", 1) == "0.2");   // 0.15: a tie, to the even digit
        CHECK(rational("1/4", 1) == "0.2");    // 0.25
        CHECK(rational("7/20", 1) == "0.4");   // 0.35
        CHECK(rational("999/100", 2) == "10");  // 9.99 rounds up to the next power of ten
        CHECK(rational("123456", 3) == "1.23e5");
        CHECK(rational("123456", 6) == "123456");
        CHECK(rational("1234/10000000", 3) == "0.000123");
        CHECK(rational("1234/100000000", 3) == "1.23e-5");
        CHECK(rational("1/4", 4) == "0.2500");  // the digits asked for, trailing zeros too
        CHECK(rational("0", 5) == "0");
    }

    TEST_CASE("MPFR: every built-in function agrees with double evaluation to 15 digits") {
        using nabla::core::Domain;
        using nabla::core::Func;
        for (int k = 0; k < nabla::core::func_count; ++k) {
            const auto f = static_cast<Func>(k);
            const auto& row = nabla::core::function_row(f);
            CAPTURE(row.name);
            // Arguments inside the domain: irrational, so the core does not fold the call away.
            const std::string u = row.domain == Domain::AtLeastOne ? "(1 + pi/3)" : row.domain == Domain::Positive ? "pi/3" : "(pi/7 - 1/2)";
            const std::string text = std::string(row.name) + (row.arity == 1 ? "(" + u + ")" : "(" + u + ", -sqrt(3)/2)");
            CAPTURE(text);
            const nabla::core::Expr e = nabla::parse::parse(text);
            const double reference = nabla::eval::evaluate(e, {}).number;
            const double precise = std::strtod(decimal_value(e, 15).c_str(), nullptr);
            CHECK(std::fabs(precise - reference) <= 4e-15 * std::fabs(reference));
        }
    }

    TEST_CASE("MPFR: the kinks of the piecewise functions, as eval defines them") {
        CHECK(digits("heaviside(pi - pi)", 3) == "0.500");  // heaviside(0) = 1/2
        CHECK(digits("heaviside(sin(pi/7) - 1/2)", 3) == "0");
        CHECK(digits("heaviside(1/2 - sin(pi/7))", 3) == "1.00");
        CHECK(digits("sign(3 - pi)", 3) == "-1.00");
        CHECK(digits("relu(3 - pi)", 3) == "0");
        CHECK(digits("sign(pi - 3) - 1", 5) == "0");  // exactly 0 at every precision
        CHECK(digits("min(pi, e)", 6) == "2.71828");
        CHECK(digits("max(pi, e)", 6) == "3.14159");
        CHECK(digits("atan2(1 - 1, e - 4)", 6) == "3.14159");
    }

    TEST_CASE("MPFR: domain errors name the function") {
        auto message = [](const std::string& text) {
            try {
                digits(text, 20);
            } catch (const nabla::DomainError& e) {
                return std::string(e.what());
            }
            return std::string("no error");
        };
        CHECK(message("log(1 - pi)").find("log(-2.14159") != std::string::npos);
        CHECK(message("asin(pi)").find("asin needs -1 <= x <= 1") != std::string::npos);
        CHECK(message("acosh(pi - 3)").find("acosh needs x >= 1") != std::string::npos);
        CHECK(message("atanh(pi - 2)").find("atanh needs -1 < x < 1") != std::string::npos);
        CHECK(message("sqrt(3 - pi)").find("square root of a negative number") != std::string::npos);
        CHECK(message("(3 - pi)^(1/4)").find("even root of a negative number") != std::string::npos);
        CHECK(message("(3 - pi)^pi").find("non-integer power") != std::string::npos);
        CHECK(message("1/(pi - pi)").find("division by zero") != std::string::npos);
        CHECK(message("tan(pi/2)").find("pole of tan") != std::string::npos);
        CHECK(message("exp(exp(100))").find("overflow") != std::string::npos);
        CHECK(message("log(0)").find("log(0)") != std::string::npos);
    }

    TEST_CASE("MPFR: limits and symbols") {
        CHECK_THROWS_AS(digits("pi", 0), nabla::LimitError);
        CHECK_THROWS_AS(digits("pi", nabla::limits::max_eval_digits + 1), nabla::LimitError);
        CHECK_THROWS_WITH(digits("x + y", 5), "no value for 'x'");
        // A large expression at many digits is refused before it takes the memory.
        std::string big = "sin(1)";
        for (int k = 2; k < 5000; ++k) big += " + sin(" + std::to_string(k) + ")";
        CHECK_THROWS_AS(digits(big, nabla::limits::max_eval_digits), nabla::LimitError);
    }
}

// test_parse.cpp — the expression language: precedence, literals, calls, errors, limits, fuzzing.
#include "core/build.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"
#include "parse/parse.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

using nabla::core::Expr;
using nabla::parse::parse;
namespace core = nabla::core;

namespace {

// A prefix form for failure messages, independent of the printer module.
std::string show(const Expr& e) {
    switch (e.kind()) {
    case core::Kind::Number: return e.value().get_str();
    case core::Kind::Symbol: return e.name();
    case core::Kind::Constant: return e.constant() == core::Constant::Pi ? "pi" : "e";
    case core::Kind::Add:
    case core::Kind::Mul:
    case core::Kind::Pow:
    case core::Kind::Call: break;
    }
    std::string s = "(";
    s += e.is(core::Kind::Add)   ? "+"
         : e.is(core::Kind::Mul) ? "*"
         : e.is(core::Kind::Pow) ? "^"
                                 : std::string(core::func_name(e.func()));
    for (const Expr& a : e.args()) {
        s += ' ';
        s += show(a);
    }
    return s + ")";
}

struct ParseFailure {
    std::string message;
    std::optional<std::size_t> position;
};

// The error parse(text) throws, or nothing when it parses.
std::optional<ParseFailure> failure_of(std::string_view text) {
    try {
        parse(text);
    } catch (const nabla::Error& e) {
        return ParseFailure{e.what(), e.position()};
    }
    return std::nullopt;
}

// Parses or reports a nabla::Error; anything else (a crash, another exception) fails the test.
bool parses_or_reports(std::string_view text) {
    try {
        parse(text);
        return true;
    } catch (const nabla::ParseError& e) {
        REQUIRE_MESSAGE(e.position().has_value(), "ParseError without position: " << e.what());
        return false;
    } catch (const nabla::Error&) {
        return false;
    }
}

std::string repeat(std::string_view s, std::size_t n) {
    std::string out;
    out.reserve(s.size() * n);
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}

}  // namespace

TEST_SUITE("parse") {

TEST_CASE("Parse: same expression as the explicit form") {
    struct Case {
        const char* input;
        const char* expected;
    };
    const Case cases[] = {
        // precedence and associativity
        {"-x^2", "-(x^2)"},
        {"-2^2", "-4"},
        {"2^3^2", "512"},
        {"a^b^c", "a^(b^c)"},
        {"a*-b", "a*(-b)"},
        {"x^-2", "x^(-2)"},
        {"2^-x^2", "2^(-(x^2))"},
        {"x^-y^-z", "x^(-(y^(-z)))"},
        {"--x", "x"},
        {"+x", "x"},
        {"x - -y", "x + y"},
        {"x+-+-y", "x + y"},
        {"a - b - c", "a - (b + c)"},
        {"a / b / c", "a / (b*c)"},
        {"a / b * c", "(a/b) * c"},
        {"1 + 2*3", "7"},
        {"x**2", "x^2"},
        {"2**3**2", "512"},
        {"x ** -1", "1/x"},
        // implicit multiplication
        {"2x", "2*x"},
        {"2 x", "2*x"},
        {"3(x+1)", "3*(x+1)"},
        {"(a+b)(a-b)", "(a+b)*(a-b)"},
        {"(a+b)x", "(a+b)*x"},
        {"2sin(x)", "2*sin(x)"},
        {"sin(x)(y)", "sin(x)*y"},
        {"2pi", "2*pi"},
        {"2x^2", "2*(x^2)"},
        {"x^2 y", "(x^2)*y"},
        {"a/2x", "(a/2)*x"},
        {"-2x", "(-2)*x"},
        {"2x2", "2*x2"},
        {"2e", "2*e"},
        {"2ex", "2*ex"},
        // numbers
        {"1.5", "3/2"},
        {".5", "1/2"},
        {"2.", "2"},
        {"0.25", "1/4"},
        {"2.5e-3", "1/400"},
        {"1E10", "10000000000"},
        {"2.5E+2", "250"},
        {"2.e3", "2000"},
        {"007", "7"},
        {"1e0", "1"},
        // functions
        {"log(x, b)", "log(x)/log(b)"},
        {"log(x)", "log(x)"},
        {"sqrt(x)", "x^(1/2)"},
        {"pow(x, 3)", "x^3"},
        {"sin (x)", "sin(x)"},
        // blanks and comments
        {"x # a comment\n + y", "x + y"},
        {"\tx\n*\ny\r\n", "x*y"},
        {"x # ( not a paren", "x"},
        {"x#", "x"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.input);
        const Expr got = parse(c.input);
        const Expr want = parse(c.expected);
        CHECK_MESSAGE(got == want, show(got) << " != " << show(want));
    }
}

TEST_CASE("Parse: nodes built by explicit constructors") {
    const Expr x = core::sym("x");
    CHECK(parse("xy") == core::sym("xy"));
    CHECK(parse("_a1") == core::sym("_a1"));
    CHECK(parse("pi") == core::constant(core::Constant::Pi));
    CHECK(parse("e") == core::constant(core::Constant::E));
    CHECK(parse("2^3^2") == core::num(512));
    CHECK(parse("2.5e-3") == core::num(1, 400));
    CHECK(parse("99999999999999999999999") == core::num(mpq_class("99999999999999999999999")));
    CHECK(parse("1e100000").is_number());
    CHECK(parse("-x^2") == core::neg(core::pow(x, core::num(2))));
    CHECK(parse("sqrt(x)") == core::pow(x, core::num(1, 2)));
    CHECK(parse("atan2(y, x)") == core::call(core::Func::Atan2, core::sym("y"), x));
    CHECK(parse("min(a, b)") == core::call(core::Func::Min, core::sym("a"), core::sym("b")));
    CHECK(parse("log(x, 2)")
          == core::div(core::call(core::Func::Log, x), core::call(core::Func::Log, core::num(2))));
}

TEST_CASE("Parse: every core function is callable by its name") {
    for (int i = 0; i < core::func_count; ++i) {
        const auto f = static_cast<core::Func>(i);
        std::string text(core::func_name(f));
        text += core::func_arity(f) == 1 ? "(x)" : "(x, y)";
        CAPTURE(text);
        CHECK_NOTHROW(parse(text));
        CHECK_FALSE(nabla::parse::is_variable_name(core::func_name(f)));
    }
}

TEST_CASE("Parse: errors carry a message and a character position") {
    struct Case {
        std::string input;
        std::size_t position;
        const char* message;
    };
    const Case cases[] = {
        {"", 0, "empty expression"},
        {"  \t\n ", 0, "empty expression"},
        {"# only a comment", 0, "empty expression"},
        {std::string("\0x", 2), 0, "unexpected character"},
        {"x\x01", 1, "U+0001"},
        {"\xff", 0, "not UTF-8"},
        {"\xc3", 0, "not UTF-8"},
        {"θ", 0, "unexpected character 'θ'"},
        // The REPL's syntax is parsed everywhere but has no meaning in an expression.
        {"2 + %3", 4, "unexpected character '%'"},
        {"[x, y]", 0, "a list [...] cannot be part of an expression"},
        {"1 + 2[x]", 5, "a list [...] cannot be part of an expression"},
        {"sin(x = 1)", 6, "unexpected character '='"},
        {"x[1]", 1, "expected an operator"},
        {"x θ y", 2, "unexpected character 'θ'"},
        {"é + x", 0, "unexpected character 'é'"},
        {"(x # é\n) θ 2", 9, "unexpected character 'θ'"},  // characters, not bytes
        {"π² · √ θ", 7, "unexpected character 'θ'"},
        {"x × y", 2, "unexpected character '×'"},
        {"x $ y", 2, "unexpected character '$'"},
        {"x * / y", 4, "expected a number, name or '('"},
        {"x -", 3, "unexpected end of input"},
        {"x -", 3, "expected a number, name or '('"},
        {"-", 1, "unexpected end of input"},
        {"x^", 2, "unexpected end of input"},
        {"x^-", 3, "unexpected end of input"},
        {"x ** * 2", 5, "expected a number, name or '('"},
        {"x*(y + 2", 8, "expected ')'"},
        {"(x", 2, "expected ')'"},
        {"()", 1, "expected a number, name or '('"},
        {"x)", 1, "unmatched ')'"},
        {"x,y", 1, "unexpected ','"},
        {".", 0, "expected a number, name or '('"},
        {"log(x,)", 6, "expected a number, name or '('"},
        {"log(x y)", 6, "expected an operator before 'y'"},
        {"log()", 0, "log takes 1 or 2 arguments, got 0"},
        {"sin(x, y)", 0, "sin takes 1 argument, got 2"},
        {"x + atan2(x)", 4, "atan2 takes 2 arguments, got 1"},
        {"min(a, b, c)", 0, "min takes 2 arguments, got 3"},
        {"2 3", 2, "expected an operator before '3'"},
        {"(x)2", 3, "expected an operator before '2'"},
        {"2 x 3", 4, "expected an operator before '3'"},
        {"x y", 2, "expected an operator before 'y'"},
        {"-x y", 3, "expected an operator before 'y'"},
        {"2^x y", 4, "expected an operator before 'y'"},
        {"2 x y", 4, "expected an operator before 'y'"},
        {"1.5.5", 3, "expected an operator before '.5'"},
        {"bar(x)", 0, "unknown function 'bar'"},
        {"1 + foo(x)", 4, "unknown function 'foo'"},
        {"sinn(x)", 0, "did you mean 'sin'?"},
        {"sni(x)", 0, "did you mean 'sin'?"},
        {"sigmod(x)", 0, "did you mean 'sigmoid'?"},
        {"ln(x)", 0, "did you mean 'log'?"},
        {"pi(x)", 0, "unknown function 'pi'"},
        {"e(x)", 0, "unknown function 'e'"},
        {"x(y)", 0, "unknown function 'x'"},
        {"sin", 0, "function 'sin'"},
        {"2 * sqrt", 4, "function 'sqrt'"},
        {"sin x", 0, "function 'sin'"},
        {"1/0", 2, "division by zero"},
        {"log(x, 1)", 0, "division by zero"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.input);
        const auto failure = failure_of(c.input);
        REQUIRE(failure.has_value());
        CAPTURE(failure->message);
        CHECK(failure->position == c.position);
        CHECK(failure->message.find(c.message) != std::string::npos);
    }
}

TEST_CASE("Parse: the math spellings read as their ASCII forms") {
    const std::pair<const char*, const char*> same[] = {
        {"π*x", "pi*x"},          {"2π", "2*pi"},          {"x²", "x^2"},
        {"x²³ + y⁰", "x^23 + y^0"}, {"x⁻¹", "x^-1"},        {"(x + 1)⁺²", "(x + 1)^2"},
        {"-x²", "-(x^2)"},        {"2^x²", "2^(x^2)"},     {"x²^3", "x^2^3"},
        {"x·y", "x*y"},           {"x⋅y", "x*y"},
        {"x ÷ y", "x/y"},         {"x − y", "x - y"},      {"−x", "-x"},
        {"√x", "sqrt(x)"},        {"√(x + 1)", "sqrt(x + 1)"}, {"2√x", "2*sqrt(x)"},
        {"√x²", "sqrt(x^2)"},     {"√√x", "sqrt(sqrt(x))"}, {"x^√y^√z", "x^sqrt(y^sqrt(z))"},
        {"√x·√y", "sqrt(x)*sqrt(y)"}, {"sin(π/6)²", "sin(pi/6)^2"},
    };
    for (const auto& [math, ascii] : same) {
        CAPTURE(math);
        CHECK(parse(math) == parse(ascii));
    }
    // Decimal exponents of literals stay ASCII: 2e−3 is 2*e − 3.
    CHECK(parse("2e−3") == parse("2*e - 3"));
}

TEST_CASE("Parse: square roots count towards the nesting limit") {
    const std::string ok = [] { std::string s; for (int i = 0; i < 900; ++i) s += "√"; return s + "x"; }();
    CHECK_NOTHROW(parse(ok));
    std::string deep;
    for (int i = 0; i < 20000; ++i) deep += "√";
    deep += "x";
    CHECK_THROWS_AS(parse(deep), nabla::LimitError);
    try {
        parse(deep);
    } catch (const nabla::Error& e) {
        CHECK(std::string(e.what()).find("square roots nested deeper than") != std::string::npos);
        CHECK(e.position() == std::optional<std::size_t>(nabla::limits::max_nesting));
    }
}

TEST_CASE("Parse: syntax errors are ParseError") {
    CHECK_THROWS_AS(parse("x * / y"), nabla::ParseError);
    CHECK_THROWS_AS(parse("2 3"), nabla::ParseError);
    CHECK_THROWS_AS(parse("bar(x)"), nabla::ParseError);
    CHECK_THROWS_AS(parse(""), nabla::ParseError);
    CHECK_THROWS_WITH(parse("bar(x)"), doctest::Contains("unknown function 'bar'"));
}

TEST_CASE("Parse: limits") {
    using nabla::LimitError;
    namespace limits = nabla::limits;

    SUBCASE("decimal exponent") {
        CHECK_THROWS_AS(parse("x + 1e100001"), LimitError);
        CHECK(failure_of("x + 1e100001")->position == 4);
        CHECK(failure_of("1e-999999999999999999999999")->position == 0);
    }
    SUBCASE("nesting at the limit parses") {
        // Each level recurses in the grammar (about 2 KB of stack in a release build, several
        // times that in a debug build), so the deep call chain is kept shorter than the limit.
        const std::size_t n = limits::max_nesting;
        CHECK(parse(repeat("(", n) + "x" + repeat(")", n)) == core::sym("x"));
        CHECK_NOTHROW(parse(repeat("sin(", 200) + "x" + repeat(")", 200)));
    }
    SUBCASE("100000 nested parentheses") {
        const std::string text = repeat("(", 100000) + "x" + repeat(")", 100000);
        CHECK_THROWS_AS(parse(text), LimitError);
        CHECK(failure_of(text)->position == limits::max_nesting);
    }
    SUBCASE("100000 unclosed cos(") {
        const std::string text = repeat("cos(", 100000);
        CHECK_THROWS_AS(parse(text), LimitError);
        CHECK(failure_of(text)->position == 4 * limits::max_nesting + 3);
    }
    SUBCASE("parentheses in comments do not count") {
        CHECK(parse("x # " + repeat("(", 100000)) == core::sym("x"));
    }
    SUBCASE("100000 unary minus signs") {
        CHECK(parse(repeat("-", 100000) + "x") == core::sym("x"));
        CHECK(parse(repeat("-", 99999) + "x") == core::neg(core::sym("x")));
        CHECK(parse("2^" + repeat("-", 100001) + "x") == parse("2^(-x)"));
    }
    SUBCASE("100000 powers in a chain") {
        CHECK_NOTHROW(parses_or_reports(repeat("2^", 100000) + "2"));
        CHECK_NOTHROW(parses_or_reports(repeat("x^", 100000) + "x"));
    }
    SUBCASE("long sums and products") {
        std::string sum = "x0";
        for (int i = 1; i < 20000; ++i) sum += " + x" + std::to_string(i);
        CHECK(parse(sum).size() == 20000);
        CHECK(parse(repeat("x*", 50000) + "x") == core::pow(core::sym("x"), core::num(50001)));
    }
    SUBCASE("2 MB of input") {
        const std::string text = repeat("x+", 1'000'000) + "x";
        CHECK_THROWS_AS(parse(text), LimitError);
        CHECK_FALSE(failure_of(text)->position.has_value());
    }
}

TEST_CASE("Parse: is_variable_name") {
    CHECK(nabla::parse::is_variable_name("x"));
    CHECK(nabla::parse::is_variable_name("x10"));
    CHECK(nabla::parse::is_variable_name("_tmp"));
    CHECK(nabla::parse::is_variable_name("xy"));
    CHECK(nabla::parse::is_variable_name("ex"));
    CHECK_FALSE(nabla::parse::is_variable_name(""));
    CHECK_FALSE(nabla::parse::is_variable_name("1x"));
    CHECK_FALSE(nabla::parse::is_variable_name("x-y"));
    CHECK_FALSE(nabla::parse::is_variable_name("pi"));
    CHECK_FALSE(nabla::parse::is_variable_name("e"));
    CHECK_FALSE(nabla::parse::is_variable_name("sin"));
    CHECK_FALSE(nabla::parse::is_variable_name("sqrt"));
    CHECK_FALSE(nabla::parse::is_variable_name("pow"));
    CHECK_FALSE(nabla::parse::is_variable_name("x\xc3\xa9"));
}

TEST_CASE("Parse: random bytes never crash") {
    std::mt19937 rng(20240611);
    std::uniform_int_distribution<int> length(0, 40);
    std::uniform_int_distribution<int> byte(0, 255);
    for (int i = 0; i < 20000; ++i) {
        std::string text(static_cast<std::size_t>(length(rng)), '\0');
        for (char& c : text) c = static_cast<char>(byte(rng));
        parses_or_reports(text);
    }
}

TEST_CASE("Parse: random token soups never crash") {
    static const char* const tokens[] = {
        "x",  "y",   "z1",  "pi",    "e",   "0",     "1",    "2",    "3.5",  ".5",
        "2.", "1e3", "1e-3", "123456789012345678901234567890", "sin", "cos", "log", "sqrt",
        "pow", "atan2", "min", "max", "exp", "abs", "sign", "bar", "+",  "-",  "*",
        "/",  "^",   "**",  "(",     "(",   ")",     ")",    ",",    " ",    "#c\n",
        "\t",
    };
    std::mt19937 rng(20240612);
    std::uniform_int_distribution<std::size_t> pick(0, std::size(tokens) - 1);
    std::uniform_int_distribution<int> length(1, 30);
    int parsed = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string text;
        for (int n = length(rng); n > 0; --n) text += tokens[pick(rng)];
        CAPTURE(text);
        parsed += parses_or_reports(text);
    }
    CHECK(parsed > 100);  // the soup reaches past the first error often enough to matter
}

}  // TEST_SUITE("parse")

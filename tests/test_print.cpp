// test_print.cpp — the printers: infix, LaTeX, JSON DAG and CSE let-bindings.
#include <doctest/doctest.h>

#include "core/build.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"
#include "print/cse.hpp"
#include "print/print.hpp"
#include "support/random_expr.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cctype>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#if __has_include("parse/parse.hpp")
#include "parse/parse.hpp"
#define NABLA_HAVE_PARSE 1
#endif

namespace {

using namespace nabla::core;
namespace print = nabla::print;

const Expr x = sym("x"), y = sym("y"), z = sym("z");
const Expr pi = constant(Constant::Pi), e_ = constant(Constant::E);

Expr n(long v) { return num(v); }
Expr q(long p, long d) { return num(p, d); }
Expr f(Func fn, const Expr& a) { return call(fn, a); }
Expr sqrt_(const Expr& a) { return pow(a, q(1, 2)); }

// e = x; 60 times: e = sin(e) + cos(e)*e. A DAG of a few hundred nodes, a tree of ~2^60.
Expr huge_tree() {
    Expr e = x;
    for (int i = 0; i < 60; ++i) e = f(Func::Sin, e) + f(Func::Cos, e) * e;
    return e;
}

// As deep as the core allows: printing it by recursion would take megabytes of stack.
constexpr int deep_levels = static_cast<int>(nabla::limits::max_depth) / 2 - 5;

// A chain n levels deep (2n in the DAG): e = y*(e + 1), printed y*(y*(x + 1) + 1).
Expr deep_chain(int levels) {
    Expr e = x;
    for (int i = 0; i < levels; ++i) e = (e + n(1)) * y;
    return e;
}

struct Case {
    const char* name;
    Expr e;
    std::string want;
};

void check_table(const std::vector<Case>& cases, std::string (*printer)(const Expr&)) {
    for (const Case& c : cases) {
        INFO(c.name);
        CHECK(printer(c.e) == c.want);
    }
}

Func func_named(const std::string& name) {
    for (int i = 0; i < func_count; ++i)
        if (func_name(static_cast<Func>(i)) == name) return static_cast<Func>(i);
    FAIL("unknown function in JSON: " << name);
    return Func::Sin;
}

// Builds the expression back from json_tree's text, checking that children come first.
Expr from_json(const std::string& text) {
    const auto j = nlohmann::json::parse(text);
    std::vector<Expr> built;
    for (const auto& node : j.at("nodes")) {
        const std::string op = node.at("op");
        std::vector<Expr> args;
        if (node.contains("args"))
            for (const auto& a : node.at("args")) {
                const std::size_t i = a.get<std::size_t>();
                REQUIRE(i < built.size());
                args.push_back(built[i]);
            }
        auto make = [&]() -> Expr {
            if (op == "num") return num(mpq_class(node.at("value").get<std::string>()));
            if (op == "sym") return sym(node.at("name").get<std::string>());
            if (op == "const") return constant(node.at("name") == "e" ? Constant::E : Constant::Pi);
            if (op == "add") return add(args);
            if (op == "mul") return mul(args);
            if (op == "pow") return pow(args.at(0), args.at(1));
            if (op == "call") return call(func_named(node.at("fn")), args);
            FAIL("unknown op " << op);
            return Expr();
        };
        built.push_back(make());
    }
    return built.at(j.at("root").get<std::size_t>());
}

#ifdef NABLA_HAVE_PARSE
bool is_binding_name(const std::string& s) {
    std::size_t i = 1;
    while (i < s.size() && s[i] == '_') ++i;
    if (s.empty() || s[0] != 't' || i == s.size()) return false;
    for (; i < s.size(); ++i)
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    return true;
}

// Reads cse() text back as text: each name replaced by its parenthesized definition, then
// the root lines parsed. Small outputs only: this unfolds the tree.
std::vector<Expr> expand_cse_text(const std::string& text) {
    std::unordered_map<std::string, std::string> defined;
    std::vector<Expr> roots;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        const std::size_t eq = line.find(" = ");
        REQUIRE(eq != std::string::npos);
        const std::string lhs = line.substr(0, eq), rhs = line.substr(eq + 3);
        std::string expanded;
        for (std::size_t i = 0; i < rhs.size();) {
            auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
            if (!word(rhs[i]) || std::isdigit(static_cast<unsigned char>(rhs[i]))) {
                // a digit run is a number (or its exponent) whole: 2e5 is no name
                std::size_t j = i + 1;
                if (std::isdigit(static_cast<unsigned char>(rhs[i])))
                    while (j < rhs.size() && word(rhs[j])) ++j;
                expanded += rhs.substr(i, j - i);
                i = j;
                continue;
            }
            std::size_t j = i;
            while (j < rhs.size() && word(rhs[j])) ++j;
            const std::string id = rhs.substr(i, j - i);
            auto it = defined.find(id);
            expanded += it == defined.end() ? id : "(" + it->second + ")";
            i = j;
        }
        if (roots.empty() && is_binding_name(lhs)) {
            defined.emplace(lhs, expanded);
        } else {
            roots.push_back(nabla::parse::parse(expanded));
        }
    }
    return roots;
}

// Reads cse() text back: each line parsed and its names replaced by their values.
std::vector<Expr> expand_cse(const std::string& text) {
    std::vector<Expr> names, values, roots;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        const std::size_t eq = line.find(" = ");
        REQUIRE(eq != std::string::npos);
        const std::string lhs = line.substr(0, eq);
        const Expr value = substitute(nabla::parse::parse(line.substr(eq + 3)), names, values);
        if (roots.empty() && is_binding_name(lhs)) {
            names.push_back(sym(lhs));
            values.push_back(value);
        } else {
            roots.push_back(value);
        }
    }
    return roots;
}
#endif

}  // namespace

TEST_SUITE("print") {

// ---- Infix

TEST_CASE("Infix: sums, signs and constants") {
    check_table({
        {"negative coefficient in a sum", n(1) - x, "1 - x"},
        {"constant goes last", x * x + n(2) * x + n(1), "x^2 + 2*x + 1"},
        {"negative constant last", -x - n(1), "-x - 1"},
        {"difference", x - y, "x - y"},
        {"negated sum", -(x + y), "-x - y"},
        {"number times a sum distributes", n(2) * (x + n(1)), "2*x + 2"},
        {"negative rational term", x - q(3, 2) * y, "x - 3*y/2"},
        {"rational number", q(3, 2), "3/2"},
        {"negative rational number", q(-3, 2), "-3/2"},
        {"negative integer", n(-7), "-7"},
        {"pi and e", n(2) * pi + e_, "2*pi + e"},
    }, print::infix);
}

TEST_CASE("Infix: products and quotients") {
    check_table({
        {"quotient by a number", x / n(2), "x/2"},
        {"negative rational coefficient", q(-2, 3) * x, "-2*x/3"},
        {"radical coefficient", sqrt_(n(8)), "2*sqrt(2)"},
        {"radical over a number", pow(n(2), q(-1, 2)), "sqrt(2)/2"},
        {"sum over sum", (x - n(5)) / (x * x + n(4)), "(x - 5)/(x^2 + 4)"},
        {"reciprocal of a product", n(1) / (x * y), "1/(x*y)"},
        {"reciprocal of a power", n(1) / (x * x), "1/x^2"},
        {"negative reciprocal", n(-1) / x, "-1/x"},
        {"number and symbol below", x * y / (n(2) * z), "x*y/(2*z)"},
        {"reciprocal square root", pow(x, q(-1, 2)), "1/sqrt(x)"},
        {"negative fractional exponent", pow(x, q(-3, 2)), "1/x^(3/2)"},
        {"product of sums", (x + n(1)) * (y - n(1)), "(y - 1)*(x + 1)"},
        {"negated square", -(x * x), "-x^2"},
        // -(x + 1)*y would re-parse as (-x - 1)*y, 2*(y + 1) alone as 2*y + 2.
        {"negated product led by a sum", -((x + n(1)) * (y - n(1))), "-((y - 1)*(x + 1))"},
        {"negated quotient of a sum", -((x + n(1)) / y), "-((x + 1)/y)"},
        {"number and a lone sum below", mul({q(1, 2), x, pow(y + n(1), n(-1))}), "x/2/(y + 1)"},
        {"reciprocal of a number times a sum", mul(q(1, 3), pow(x + y, n(-1))), "1/3/(x + y)"},
    }, print::infix);
}

TEST_CASE("Infix: powers and functions") {
    check_table({
        {"fractional exponent", pow(x, q(1, 3)), "x^(1/3)"},
        {"negative symbolic exponent", pow(n(2), -x), "2^(-x)"},
        {"function squared", pow(f(Func::Sin, x), n(2)), "sin(x)^2"},
        {"even root of a negative number stays", sqrt_(n(-8)), "sqrt(-8)"},
        {"negative base in parentheses", pow(n(-8), q(3, 2)), "(-8)^(3/2)"},
        {"rational base", pow(q(3, 2), x), "(3/2)^x"},
        {"negative base", pow(n(-3), x), "(-3)^x"},
        {"power of a power", pow(pow(x, y), z), "(x^y)^z"},
        {"power in an exponent", pow(x, pow(y, n(2))), "x^(y^2)"},
        {"sum to a power", pow(x + n(1), n(2)), "(x + 1)^2"},
        {"exp of a product", f(Func::Exp, n(2) * x), "exp(2*x)"},
        {"e to the x is exp", pow(e_, x), "exp(x)"},
        {"square root of a sum", sqrt_(x + n(1)), "sqrt(x + 1)"},
        {"two arguments", call(Func::Atan2, y, x), "atan2(y, x)"},
        {"odd function of a negative", f(Func::Sin, -x), "-sin(x)"},
    }, print::infix);
}

TEST_CASE("Infix: a DAG with a huge tree is refused") {
    CHECK_THROWS_AS(print::infix(huge_tree()), nabla::LimitError);
}

// ---- LaTeX

TEST_CASE("LaTeX: structure") {
    check_table({
        {"negative coefficient in a sum", n(1) - x, "1 - x"},
        {"quotient by a number", x / n(2), "\\frac{x}{2}"},
        {"negative rational coefficient", q(-2, 3) * x, "-\\frac{2 x}{3}"},
        {"radical coefficient", sqrt_(n(8)), "2 \\sqrt{2}"},
        {"sum over sum", (x - n(5)) / (x * x + n(4)), "\\frac{x - 5}{x^{2} + 4}"},
        {"reciprocal of a product", n(1) / (x * y), "\\frac{1}{x y}"},
        {"fractional exponent", pow(x, q(1, 3)), "x^{\\frac{1}{3}}"},
        {"negative symbolic exponent", pow(n(2), -x), "2^{-x}"},
        {"function squared", pow(f(Func::Sin, x), n(2)), "\\sin\\left(x\\right)^{2}"},
        {"exp", f(Func::Exp, n(2) * x), "e^{2 x}"},
        {"power of exp", pow(f(Func::Exp, x), q(1, 3)), "\\left(e^{x}\\right)^{\\frac{1}{3}}"},
        {"cdot before a digit", n(2) * pow(n(3), x), "2 \\cdot 3^{x}"},
        {"sum factor", y * (x + n(1)), "y \\left(x + 1\\right)"},
        {"rational number", q(3, 2), "\\frac{3}{2}"},
        {"rational base", pow(q(1, 2), x), "\\left(\\frac{1}{2}\\right)^{x}"},
        {"pi", pi * x, "\\pi x"},
        {"square root of a sum", sqrt_(x + n(1)), "\\sqrt{x + 1}"},
        {"negative base", pow(n(-8), q(3, 2)), "\\left(-8\\right)^{\\frac{3}{2}}"},
        {"number and a sum below", mul({q(1, 2), x, pow(y + n(1), n(-1))}),
         "\\frac{x}{2 \\left(y + 1\\right)}"},
        {"negated product led by a sum", -((x + n(1)) * (y - n(1))),
         "-\\left(y - 1\\right) \\left(x + 1\\right)"},
    }, print::latex);
}

TEST_CASE("LaTeX: functions") {
    check_table({
        {"sin", f(Func::Sin, x), "\\sin\\left(x\\right)"},
        {"asin", f(Func::Asin, x), "\\arcsin\\left(x\\right)"},
        {"tanh", f(Func::Tanh, x), "\\tanh\\left(x\\right)"},
        {"log", f(Func::Log, x), "\\log\\left(x\\right)"},
        {"abs", f(Func::Abs, x), "\\left|x\\right|"},
        {"cbrt", f(Func::Cbrt, x), "\\sqrt[3]{x}"},
        {"sigmoid", f(Func::Sigmoid, x), "\\operatorname{sigmoid}\\left(x\\right)"},
        {"asinh", f(Func::Asinh, x), "\\operatorname{asinh}\\left(x\\right)"},
        {"atan2", call(Func::Atan2, y, x), "\\operatorname{atan2}\\left(y, x\\right)"},
        {"max", call(Func::Max, x, y), "\\max\\left(x, y\\right)"},
    }, print::latex);
}

TEST_CASE("LaTeX: symbol names") {
    check_table({
        {"trailing digits", sym("x12"), "x_{12}"},
        {"greek", sym("alpha"), "\\alpha"},
        {"greek with index", sym("theta2"), "\\theta_{2}"},
        {"capital greek", sym("Omega"), "\\Omega"},
        {"underscore", sym("a_b"), "a_{b}"},
        {"underscore and digits", sym("x_12"), "x_{12}"},
        {"greek subscript", sym("x_alpha"), "x_{\\alpha}"},
        {"word", sym("rate"), "\\mathrm{rate}"},
        {"word subscript", sym("x_max"), "x_{\\mathrm{max}}"},
        {"leading underscore", sym("_a"), "\\mathrm{\\_a}"},
        {"indexed power", pow(sym("x1"), n(2)), "x_{1}^{2}"},
        {"placeholder written as is", sym("#\\frac{d}{dx}\\left[u\\right]"), "\\frac{d}{dx}\\left[u\\right]"},
    }, print::latex);
}

TEST_CASE("LaTeX: a DAG with a huge tree is refused") {
    CHECK_THROWS_AS(print::latex(huge_tree()), nabla::LimitError);
}

TEST_CASE("LaTeX: deep expressions print without recursion") {
    std::string want = "x";
    for (int i = 0; i < deep_levels; ++i) want = "y \\left(" + want + " + 1\\right)";
    CHECK(print::latex(deep_chain(deep_levels)) == want);
}

// ---- JSON

TEST_CASE("JSON: nodes, children first, shared nodes once") {
    const Expr e = f(Func::Sin, x) + pow(x, q(3, 2));
    const auto j = nlohmann::json::parse(print::json_tree(e));
    const auto& nodes = j.at("nodes");
    REQUIRE(nodes.size() == 5);
    CHECK(j.at("root") == 4);
    CHECK(nodes[0] == nlohmann::json{{"op", "sym"}, {"name", "x"}});
    CHECK(nodes[1] == nlohmann::json{{"op", "num"}, {"value", "3/2"}});
    CHECK(nodes[2] == nlohmann::json{{"op", "pow"}, {"args", {0, 1}}});
    CHECK(nodes[3] == nlohmann::json{{"op", "call"}, {"fn", "sin"}, {"args", {0}}});
    CHECK(nodes[4].at("op") == "add");
    CHECK(print::json_tree(e) == print::json_tree(e));
}

TEST_CASE("JSON: every kind reads back to the same node") {
    const std::vector<Expr> cases = {
        x, n(-7), q(-3, 2), pi, e_,
        n(2) * pi * x + e_,
        call(Func::Atan2, y, x) - call(Func::Max, x, n(1)) / z,
        pow(x + n(1), -y) * sqrt_(n(2)),
        num(mpq_class("123456789012345678901234567890/7")) * x,
    };
    for (const Expr& e : cases) {
        INFO(print::infix(e));
        CHECK(from_json(print::json_tree(e)) == e);
    }
    nabla::testing::RandomExpr gen(7);
    for (int i = 0; i < 500; ++i) {
        const Expr e = gen.expr(5);
        INFO(print::infix(e));
        CHECK(from_json(print::json_tree(e)) == e);
    }
}

TEST_CASE("JSON: size follows the DAG, not the tree") {
    const Expr e = huge_tree();
    const std::string text = print::json_tree(e);
    const auto j = nlohmann::json::parse(text);
    const Expr roots[] = {e};
    CHECK(j.at("nodes").size() == dag_size(roots));
    CHECK(text.size() < 20000);
    CHECK(from_json(text) == e);
}

TEST_CASE("JSON: deep expressions") {
    const int levels = static_cast<int>(nabla::limits::max_depth) - 1;
    Expr e = x;
    for (int i = 0; i < levels; ++i) e = f(Func::Sin, e);
    const auto j = nlohmann::json::parse(print::json_tree(e));
    CHECK(j.at("nodes").size() == levels + 1);
    CHECK(j.at("root") == levels);
}

// ---- CSE

TEST_CASE("CSE: a shared sub-expression is bound once") {
    const Expr u = x * x + n(1);
    const Expr roots[] = {f(Func::Sin, u) + f(Func::Cos, u)};
    CHECK(print::cse(roots) == "t1 = x^2 + 1\nr1 = sin(t1) + cos(t1)\n");
}

TEST_CASE("CSE: nothing shared, atoms and labels") {
    const Expr one[] = {x * x + n(1)};
    CHECK(print::cse(one) == "r1 = x^2 + 1\n");
    const Expr atoms[] = {x, n(3)};
    CHECK(print::cse(atoms) == "r1 = x\nr2 = 3\n");
    const Expr two[] = {f(Func::Sin, x) * y, f(Func::Sin, x) * z};
    const std::string labels[] = {"f", "g"};
    CHECK(print::cse(two, labels) == "t1 = sin(x)\nf = y*t1\ng = z*t1\n");
    const std::string one_label[] = {"f"};
    CHECK_THROWS_AS(print::cse(two, one_label), nabla::InternalError);
}

TEST_CASE("CSE: sharing as the printer sees it") {
    // x^-2 prints as /x^2, so x^2 is shared with sin(x^2).
    const Expr reciprocal[] = {y / (x * x), f(Func::Sin, x * x)};
    CHECK(print::cse(reciprocal) == "t1 = x^2\nr1 = y/t1\nr2 = sin(t1)\n");
    // A negative term prints negated, "z - 2*y*sin(x)": what is shared is 2*y*sin(x).
    const Expr t = mul({n(-2), f(Func::Sin, x), y});
    const Expr negative[] = {z + t, x + t};
    CHECK(print::cse(negative) == "t1 = 2*y*sin(x)\nr1 = z - t1\nr2 = x - t1\n");
    const Expr mixed[] = {z + t, f(Func::Exp, t)};
    CHECK(print::cse(mixed) == "t1 = sin(x)\nr1 = z - 2*y*t1\nr2 = exp(-2*y*t1)\n");
}

TEST_CASE("CSE: long sub-expressions get a name, roots do not") {
    std::vector<Expr> terms;
    std::string sum;
    for (int i = 1; i <= 30; ++i) {
        const std::string name = std::string("x").append(std::to_string(i));
        terms.push_back(sym(name));
        sum.append(i > 1 ? " + " : "").append(name);
    }
    const Expr inside[] = {f(Func::Sin, add(terms))};
    CHECK(print::cse(inside) == "t1 = " + sum + "\nr1 = sin(t1)\n");
    const Expr root[] = {add(terms)};
    CHECK(print::cse(root) == "r1 = " + sum + "\n");
}

TEST_CASE("CSE: names never clash with symbols") {
    const Expr u = sym("t1") + n(1);
    const Expr roots[] = {f(Func::Sin, u) + f(Func::Cos, u)};
    CHECK(print::cse(roots) == "t_1 = t1 + 1\nr1 = sin(t_1) + cos(t_1)\n");
}

TEST_CASE("CSE: a DAG with a tree of 2^60 nodes prints in linear time") {
    const Expr e = huge_tree();
    const Expr roots[] = {e};
    const auto start = std::chrono::steady_clock::now();
    const std::string text = print::cse(roots);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(seconds < 0.5);
    CHECK(text.size() < 4000);
    CHECK(text.starts_with("t1 = x*cos(x) + sin(x)\nt2 = sin(t1) + cos(t1)*t1\n"));
    CHECK(text.ends_with("\nr1 = sin(t59) + cos(t59)*t59\n"));
#ifdef NABLA_HAVE_PARSE
    const std::vector<Expr> back = expand_cse(text);
    REQUIRE(back.size() == 1);
    CHECK(back[0] == e);
#endif
}

TEST_CASE("CSE: deep expressions") {
    const Expr roots[] = {deep_chain(deep_levels)};
    const std::string text = print::cse(roots);
    CHECK(text.ends_with(" + 1)\n"));
#ifdef NABLA_HAVE_PARSE
    CHECK(expand_cse(text) == std::vector<Expr>{roots[0]});
#endif
}

#ifdef NABLA_HAVE_PARSE
TEST_CASE("CSE: random root lists read back to the same nodes") {
    // Roots drawn over x, y, z, a, b, then a and b replaced by shared random expressions.
    nabla::testing::RandomExpr gen(2024, {"x", "y", "z", "a", "b"});
    const Expr a = sym("a"), b = sym("b");
    for (int i = 0; i < 300; ++i) {
        const std::vector<Expr> from = {a, b}, to = {gen.expr(4), gen.expr(3)};
        std::vector<Expr> roots;
        const std::size_t count = 1 + gen.below(4);
        for (std::size_t k = 0; k < count; ++k) {
            const Expr r = gen.expr(4);
            try {
                roots.push_back(substitute(r, from, to));
            } catch (const nabla::Error&) {
                // b -> 0 in 1/b: leave this root out
            }
        }
        const std::string text = print::cse(roots);
        INFO(text);
        // Let-binding by substitution re-canonicalizes, and the core does not always meet
        // the same node that way (sqrt(3)*sqrt(3)^(-1/2) keeps both factors, t*t^(-1/2)
        // with t = sqrt(3) gives sqrt(3)^(1/2)); unfolding the text is the other reading.
        CHECK((expand_cse(text) == roots || expand_cse_text(text) == roots));
    }
}
#endif

// ---- Infix: bottom-up printing and the round trip through the parser

TEST_CASE("Infix: deep expressions print without recursion, the same text") {
    std::string want = "x";
    for (int i = 0; i < deep_levels; ++i) want = "y*(" + want + " + 1)";
    CHECK(print::infix(deep_chain(deep_levels)) == want);
    // Past the recursion threshold the text must be the recursive printer's, byte for byte.
    nabla::testing::RandomExpr gen(99);
    const print::InfixLookup none = [](const Expr&) -> const print::InfixPiece* { return nullptr; };
    for (int round = 0; round < 20; ++round) {
        Expr e = gen.expr(3);
        while (e.depth() < 700) {
            // Each step nests e one level or more; none can cancel it to a constant.
            static const std::vector<Expr> exponents = {n(2), n(3), n(-1), n(-2), q(1, 2), q(1, 3), q(-3, 2)};
            const Expr other = gen.expr(2);
            switch (gen.below(5)) {
            case 0: e = f(Func::Sin, e) + other; break;
            case 1: e = (e + x) * y; break;
            case 2: e = (other + pi) / (e + z); break;
            case 3: e = pow(e + x, exponents[gen.below(exponents.size())]); break;
            default: e = f(Func::Exp, -e); break;
            }
        }
        CHECK(print::infix(e) == print::infix_with(e, none).text);
    }
}

#ifdef NABLA_HAVE_PARSE
TEST_CASE("Infix: parse(infix(e)) is e for random expressions") {
    nabla::testing::RandomExpr gen(12345);
    int failures = 0;
    for (int i = 0; i < 5000 && failures < 10; ++i) {
        const Expr e = gen.expr(1 + static_cast<int>(gen.below(5)));
        const std::string text = print::infix(e);
        Expr back;
        try {
            back = nabla::parse::parse(text);
        } catch (const nabla::Error& err) {
            ++failures;
            FAIL_CHECK("does not parse: " << text << "\n  " << err.what());
            continue;
        }
        if (!(back == e)) {
            ++failures;
            FAIL_CHECK("printed:  " << text << "\nre-reads: " << print::infix(back));
        }
    }
    CHECK(failures == 0);
}
#endif

}  // TEST_SUITE("print")

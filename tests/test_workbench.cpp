// test_workbench.cpp — Taylor polynomials (diff::taylor), critical points (opt::critical_points)
// and the REPL calls built on them: subs, series, taylor, critical.
#include <doctest/doctest.h>

#include "core/build.hpp"
#include "eval/eval.hpp"
#include "print/print.hpp"
#include "core/error.hpp"
#include "diff/calculus.hpp"
#include "diff/series.hpp"
#include "frontend/repl/session.hpp"
#include "opt/critical.hpp"
#include "parse/parse.hpp"
#include "support/random_expr.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace {

using nabla::core::Expr;
using nabla::parse::parse;

// Every partial derivative of total order <= n at the point, exactly, in a fixed order.
std::vector<Expr> jet(const Expr& f, const std::vector<Expr>& vars, const std::vector<Expr>& point, std::size_t n) {
    std::vector<Expr> out, layer{f};
    for (std::size_t k = 0; k <= n; ++k) {
        std::vector<Expr> next;
        for (const Expr& g : layer) {
            out.push_back(nabla::core::substitute(g, vars, point));
            if (k < n)
                for (const Expr& x : vars) next.push_back(nabla::diff::partial(g, std::span(&x, 1)));
        }
        layer = std::move(next);
    }
    return out;
}

double value(const Expr& constant) { return nabla::eval::evaluate(constant, {}).number; }

// Equal as numbers: the exact jets of f and its polynomial may differ in form (e^2 vs exp(2)).
bool same_values(const std::vector<Expr>& a, const std::vector<Expr>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const Expr difference = nabla::core::sub(a[i], b[i]);
        if (!(difference == nabla::core::num(0))) {
            const double d = value(difference);
            if (!(std::abs(d) <= 1e-9 * (1 + std::abs(value(a[i]))))) return false;
        }
    }
    return true;
}

using Point = std::vector<std::pair<Expr, Expr>>;

Expr taylor(const Expr& f, const Point& at, std::size_t order) { return nabla::diff::taylor(f, at, order); }

std::string run(nabla::repl::Session& s, std::string_view statement) {
    const nabla::repl::Reply r = s.execute(statement);
    return r.ok ? r.out : r.err;
}

}  // namespace

TEST_SUITE("workbench") {
    TEST_CASE("Taylor: the polynomial has the function's derivatives at the point, up to its order") {
        nabla::testing::RandomExpr gen(7, {"x", "y"});
        const std::vector<Expr> vars = gen.symbols();
        const std::vector<Expr> point{nabla::core::num(1, 2), nabla::core::num(1)};
        int checked = 0;
        for (int i = 0; i < 300 && checked < 60; ++i) {
            const Expr f = gen.expr(3);
            const std::size_t order = 1 + static_cast<std::size_t>(i % 3);
            Expr t;
            std::vector<Expr> want;
            try {
                want = jet(f, vars, point, order);
                t = taylor(f, {{vars[0], point[0]}, {vars[1], point[1]}}, order);
                for (const Expr& v : want) (void)value(v);
            } catch (const nabla::Error&) {
                continue;  // undefined at the point, or a number beyond the double range
            }
            CAPTURE(nabla::print::infix(f));
            CHECK(same_values(jet(t, vars, point, order), want));
            ++checked;
        }
        CHECK(checked >= 40);
    }

    TEST_CASE("Taylor: textbook series, exact coefficients") {
        const Expr x = nabla::core::sym("x");
        CHECK(taylor(parse("exp(x)"), {{x, nabla::core::num(0)}}, 3) == parse("1 + x + x^2/2 + x^3/6"));
        CHECK(taylor(parse("1/(1 - x)"), {{x, nabla::core::num(0)}}, 4) == parse("1 + x + x^2 + x^3 + x^4"));
        CHECK(taylor(parse("x^3"), {{x, nabla::core::num(1)}}, 1) == parse("1 + 3*(x - 1)"));
        CHECK_THROWS_AS(taylor(parse("log(x)"), {{x, nabla::core::num(0)}}, 2), nabla::DomainError);
        CHECK_THROWS_AS(taylor(parse("x"), {{x, nabla::core::sym("a")}}, 2), nabla::Error);
        CHECK_THROWS_AS(taylor(parse("x"), {{x, nabla::core::num(0)}}, 1000), nabla::LimitError);
    }

    TEST_CASE("Critical points: found, and classified by the Hessian") {
        const std::vector<Expr> xy{nabla::core::sym("x"), nabla::core::sym("y")};
        const auto search = nabla::opt::critical_points(parse("x^3 - 3*x + y^2"), xy);
        REQUIRE(search.points.size() == 2);
        CHECK(search.points[0].kind == nabla::opt::CriticalKind::Minimum);
        CHECK(search.points[0].x[0] == doctest::Approx(1));
        CHECK(search.points[0].value == doctest::Approx(-2));
        CHECK(search.points[1].kind == nabla::opt::CriticalKind::Saddle);
        CHECK(search.points[1].x[0] == doctest::Approx(-1));

        const auto bowl = nabla::opt::critical_points(parse("-(x - 1/2)^2 - (y + 1)^2"), xy);
        REQUIRE(bowl.points.size() == 1);
        CHECK(bowl.points[0].kind == nabla::opt::CriticalKind::Maximum);
        CHECK(bowl.points[0].x[1] == doctest::Approx(-1));

        // x^4 at 0: the second-derivative test says nothing, and the report says so.
        const std::vector<Expr> x{nabla::core::sym("x")};
        const auto flat = nabla::opt::critical_points(parse("x^4"), x);
        REQUIRE(flat.points.size() == 1);
        CHECK(flat.points[0].kind == nabla::opt::CriticalKind::Degenerate);
        CHECK(nabla::opt::critical_points(parse("exp(x)"), x).points.empty());
    }

    TEST_CASE("REPL: subs, series and taylor are expressions; critical a report") {
        nabla::repl::Session s;
        CHECK(run(s, "series(exp(x), x, 3)") == "[1] x^3/6 + x^2/2 + x + 1\n");
        CHECK(run(s, "2*subs(x^2 + y, x = a, y = 1)") == "[2] 2*a^2 + 2\n");
        CHECK(run(s, "taylor(exp(x)*cos(y), x = 0, y = 0)") == "[3] x^2/2 + x - y^2/2 + 1\n");
        const std::string report = run(s, "critical(x^4 - 2x^2)");
        CHECK(report.find("3 critical points") != std::string::npos);
        CHECK(report.find("x = 0   value 0   maximum") != std::string::npos);
        CHECK(run(s, "1 + critical(x^2)").find("must be a statement of its own") != std::string::npos);
        CHECK(run(s, "taylor = 1").find("reserves it") != std::string::npos);
        CHECK(run(s, "series(x*y)").find("the expression has several") != std::string::npos);
        CHECK(run(s, "subs(x, x = 1, x = 2)").find("given twice") != std::string::npos);
    }
}

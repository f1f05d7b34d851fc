// test_library.cpp — the public library header, used as docs/calculus.md shows it.
#include <nabla/nabla.hpp>

#include <doctest/doctest.h>

TEST_SUITE("library") {
    TEST_CASE("Library: the documented example") {
        using namespace nabla;
        core::Expr f = parse::parse("x^2*sin(y)");
        const core::Expr vars[] = {core::sym("x"), core::sym("y")};
        const auto g = diff::gradient(f, vars);
        CHECK(print::infix(g[0]) == "2*x*sin(y)");
        CHECK(print::infix(g[1]) == "x^2*cos(y)");
        eval::Value v = eval::evaluate(diff::derivative(f, vars[1]), {{"x", 3}, {"y", 0}});
        REQUIRE(v.exact.has_value());
        CHECK(*v.exact == 9);
        CHECK_THROWS_AS(parse::parse("x +"), ParseError);
    }
}

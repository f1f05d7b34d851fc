// test_request.cpp — frontend::run and compute, the one dispatch of the CLI, the batch and the REPL.
#include "frontend/request.hpp"

#include "core/build.hpp"
#include "core/error.hpp"
#include "parse/parse.hpp"

#include <doctest/doctest.h>

using namespace nabla::frontend;

TEST_SUITE("request") {
    TEST_CASE("Request: run() with steps gives the result and one derivation per variable") {
        Request r{Operation::Diff, {"sin(x)*y^3"}, std::vector<std::string>{"x", "y"}, {}, true};
        const Response with = run(r);
        r.steps = false;
        const Response without = run(r);
        CHECK(with.rows == without.rows);
        CHECK(without.steps.empty());
        REQUIRE(with.steps.size() == 2);
        CHECK(with.steps[0].variable.name() == "x");
        CHECK(with.steps[1].variable.name() == "y");
        CHECK(with.steps[1].result == with.rows[0][0]);
        REQUIRE(!with.steps[0].lines.empty());
        CHECK(with.steps[0].lines[0].step.rule == "constant multiple rule");
        CHECK(with.steps[1].lines[0].step.expr == with.steps[0].result);
    }

    TEST_CASE("Request: steps of grad, jacobian and hessian end in the entries of the result") {
        const Response g = run(Request{Operation::Grad, {"sin(x*y) + x^3"}, std::nullopt, {}, true});
        REQUIRE(g.steps.size() == 2);
        for (std::size_t i = 0; i < 2; ++i) CHECK(g.steps[i].result == g.rows[0][i]);
        const Response j = run(Request{Operation::Jacobian, {"x*y", "exp(x) + y"}, std::nullopt, {}, true});
        REQUIRE(j.steps.size() == 4);
        for (std::size_t k = 0; k < 4; ++k) CHECK(j.steps[k].result == j.rows[k / 2][k % 2]);
        const Response h = run(Request{Operation::Hessian, {"x^2*y + exp(y)*x"}, std::nullopt, {}, true});
        REQUIRE(h.steps.size() == 2 + 3);  // the gradient's two, then the lower triangle's three
        CHECK(h.steps[2].result == h.rows[0][0]);
        CHECK(h.steps[3].result == h.rows[1][0]);
        CHECK(h.steps[4].result == h.rows[1][1]);
        CHECK(h.steps[3].function == h.steps[1].result);  // from the gradient entry, shown once
        const Response none = run(Request{Operation::Grad, {"x*y"}, std::nullopt, {}, false});
        CHECK(none.steps.empty());
    }

    TEST_CASE("Request: a point's values are any constant expression, each variable given once") {
        Request r{Operation::Eval, {"cos(x) + y"}, std::nullopt, {{"x", "pi/3"}, {"y", "sqrt(4)/3"}}, false};
        const Response v = run(r);
        REQUIRE(v.value.exact);
        CHECK(*v.value.exact == mpq_class(7, 6));
        r.at = {{"x", "1"}, {"y", "2"}, {"x", "3"}};
        CHECK_THROWS_WITH_AS(run(r), "'x' is given twice", nabla::Error);
        r.at = {{"x", "z"}, {"y", "1"}};
        CHECK_THROWS_WITH_AS(run(r), "no value for 'z'", nabla::Error);
        r.at = {{"x", "1 +"}, {"y", "1"}};
        CHECK_THROWS_AS(run(r), nabla::Error);
    }

    TEST_CASE("Request: compute on parsed expressions is what run does on their text") {
        const Task t{Operation::Hessian, {nabla::parse::parse("x^2*y + exp(y)")}, std::nullopt, {}, false};
        const Response computed = compute(t);
        const Response ran = run(Request{Operation::Hessian, {"x^2*y + exp(y)"}, std::nullopt, {}, false});
        CHECK(computed.rows == ran.rows);
        CHECK(computed.vars == ran.vars);
        const Task several{Operation::Diff, {nabla::parse::parse("x*y")}, std::nullopt, {}, false};
        CHECK_THROWS_WITH_AS(compute(several),
                             "diff needs the variables to differentiate by: the expression has several (x, y)",
                             nabla::Error);
    }
}

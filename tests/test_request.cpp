// test_request.cpp — frontend::run, the one dispatch of the CLI, the batch and the REPL.
#include "frontend/request.hpp"

#include <doctest/doctest.h>

using namespace nabla::frontend;

TEST_SUITE("request") {
    TEST_CASE("Request: run() with steps gives the result and one derivation per variable") {
        Request r{Op::Diff, {"sin(x)*y^3"}, std::vector<std::string>{"x", "y"}, {}, true};
        const Result with = run(r);
        r.steps = false;
        const Result without = run(r);
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

    TEST_CASE("Request: steps are only recorded for diff") {
        const Request r{Op::Grad, {"x*y"}, std::nullopt, {}, true};
        CHECK(run(r).steps.empty());
    }
}

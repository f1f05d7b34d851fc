// test_functions.cpp — every row of core/functions.def is complete and agrees with itself:
// name and arity reach the parser, the partials parse and match finite differences of the
// double semantics inside the domain, the domain is enforced by exact and double evaluation,
// and the C++ and LaTeX spellings exist. A new function fails here until its row is whole.
#include "core/build.hpp"
#include "core/error.hpp"
#include "core/function_table.hpp"
#include "diff/partials.hpp"
#include "eval/eval.hpp"
#include "tape/scalar.hpp"
#include "parse/parse.hpp"
#include "print/print.hpp"
#include "support/files.hpp"
#include "tape/tape.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace nabla;
using core::Domain;
using core::Expr;
using core::Func;

namespace {

std::vector<Func> all_functions() {
    std::vector<Func> out;
    for (int f = 0; f < core::func_count; ++f) out.push_back(static_cast<Func>(f));
    return out;
}

// Points well inside the domain and away from the kinks at 0.
std::vector<double> inside(Domain d) {
    switch (d) {
    case Domain::Real: return {-1.3, -0.4, 0.6, 1.7};
    case Domain::Positive: return {0.3, 2.5};
    case Domain::ClosedUnit: return {-0.6, 0.3};
    case Domain::AtLeastOne: return {1.4, 3.0};
    case Domain::OpenUnit: return {-0.5, 0.4};
    }
    return {};
}

// A point outside the domain, if there is one.
std::optional<double> outside(Domain d) {
    switch (d) {
    case Domain::Real: return std::nullopt;
    case Domain::Positive: return -2.0;
    case Domain::ClosedUnit: return 1.5;
    case Domain::AtLeastOne: return 0.5;
    case Domain::OpenUnit: return 1.0;
    }
    return std::nullopt;
}

double apply(Func f, double u, double v) {
    return core::func_arity(f) == 1 ? tape::scalar::apply(f, u) : tape::scalar::apply(f, u, v);
}

}  // namespace

TEST_SUITE("function table") {
    TEST_CASE("Every row has a name the parser knows, with its arity") {
        for (Func f : all_functions()) {
            const core::FunctionRow& row = core::function_row(f);
            CAPTURE(row.name);
            REQUIRE((row.arity == 1 || row.arity == 2));
            const Expr call = parse::parse(std::string(row.name) + (row.arity == 1 ? "(x)" : "(x, y)"));
            REQUIRE(call.is(core::Kind::Call));
            CHECK(call.func() == f);
        }
    }

    TEST_CASE("Every row has one partial per argument, matching finite differences of its double semantics") {
        const Expr u = core::sym("u"), v = core::sym("v");
        const double second = 0.37;  // the other argument of two-argument functions
        for (Func f : all_functions()) {
            const core::FunctionRow& row = core::function_row(f);
            CAPTURE(row.name);
            CHECK(row.partial[0].size() > 0);
            CHECK((row.arity == 2) == (row.partial[1].size() > 0));
            const std::vector<Expr> args = row.arity == 1 ? std::vector<Expr>{u} : std::vector<Expr>{u, v};
            for (int k = 0; k < row.arity; ++k) {
                const Expr partial = diff::function_partial(f, static_cast<std::size_t>(k), args);
                for (double x : inside(row.domain)) {
                    CAPTURE(k);
                    CAPTURE(x);
                    const double h = 1e-6;
                    const double numeric = k == 0 ? (apply(f, x + h, second) - apply(f, x - h, second)) / (2 * h)
                                                  : (apply(f, x, second + h) - apply(f, x, second - h)) / (2 * h);
                    const Expr a = core::num(mpq_class(x)), b = core::num(mpq_class(second));
                    const Expr at = core::substitute(partial, args, row.arity == 1 ? std::vector<Expr>{a}
                                                                                   : std::vector<Expr>{a, b});
                    const double exact = eval::evaluate(at, {}).number;
                    CHECK(exact == doctest::Approx(numeric).epsilon(1e-6));
                }
            }
        }
    }

    TEST_CASE("Every domain is enforced by exact and by double evaluation") {
        for (Func f : all_functions()) {
            const core::FunctionRow& row = core::function_row(f);
            if (row.arity != 1) continue;
            CAPTURE(row.name);
            for (double x : inside(row.domain)) CHECK(!core::domain_problem(f, x, "f(x)"));
            const auto bad = outside(row.domain);
            if (!bad) continue;
            CHECK(core::domain_problem(f, *bad, "f(x)"));
            const Expr call = parse::parse(std::string(row.name) + "(x)");
            CHECK_THROWS_AS(eval::evaluate(call, {{"x", mpq_class(*bad)}}), DomainError);
            const Expr x = core::sym("x");
            const tape::Tape compiled(std::span(&call, 1), std::span(&x, 1));
            double out[1];
            const double at[] = {*bad};
            CHECK_THROWS_AS(compiled.run_checked(at, out), DomainError);
        }
    }

    TEST_CASE("Every row's C++ spelling is <cmath> or a helper of the generated runtime") {
        const std::string runtime = nabla::testing::read_text(std::string(NABLA_SOURCE_DIR) + "/src/codegen/runtime/nabla_rt.hpp");
        REQUIRE(!runtime.empty());
        for (Func f : all_functions()) {
            const std::string cpp(core::function_row(f).cpp);
            CAPTURE(cpp);
            if (cpp.starts_with("std::")) continue;
            REQUIRE(cpp.starts_with("nabla_"));
            CHECK(runtime.find("static inline double " + cpp + "(") != std::string::npos);
        }
    }

    TEST_CASE("Every row's LaTeX notation has one place for the arguments, and the printer uses it") {
        for (Func f : all_functions()) {
            const core::FunctionRow& row = core::function_row(f);
            CAPTURE(row.name);
            const std::string_view notation = row.latex;
            const std::size_t hole = notation.find('#');
            REQUIRE(hole != std::string_view::npos);
            CHECK(notation.find('#', hole + 1) == std::string_view::npos);
            const Expr call = parse::parse(std::string(row.name) + (row.arity == 1 ? "(q)" : "(q, w)"));
            const std::string printed = print::latex(call);
            CHECK(printed.starts_with(notation.substr(0, hole)));
            CHECK(printed.ends_with(notation.substr(hole + 1)));
        }
    }
}

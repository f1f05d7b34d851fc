// test_fit_params.cpp — which model names `fit` takes as parameters, unused columns, --fix.
#include "core/build.hpp"
#include "core/error.hpp"
#include "frontend/fit_params.hpp"
#include "parse/parse.hpp"

#include <doctest/doctest.h>

#include <sstream>

using namespace nabla::frontend;

namespace {

nabla::opt::Table table(const std::string& csv) {
    std::istringstream in(csv);
    return nabla::opt::read_csv(in, "d.csv");
}

std::vector<std::string> names(const std::vector<nabla::core::Expr>& symbols) {
    std::vector<std::string> out;
    for (const auto& s : symbols) out.push_back(s.name());
    return out;
}

}  // namespace

TEST_SUITE("fit parameters") {
    TEST_CASE("a letter and digits, or a Greek letter, is parameter-shaped; longer names are not") {
        for (const char* name : {"a", "K", "b1", "b12", "x_0", "mu", "sigma", "sigma2", "tau_1", "omega"})
            CHECK_MESSAGE(parameter_shaped(name), name);
        for (const char* name : {"ab", "time", "tme", "b_", "b1a", "_1", "sigmax", "conc", "a__1"})
            CHECK_MESSAGE(!parameter_shaped(name), name);
    }

    TEST_CASE("inferred parameters: shaped or declared; anything else is a likely typo") {
        const nabla::opt::Table data = table("time,y,temp\n0,1,2\n");
        const auto model = nabla::parse::parse("a*exp(-k2*time) + rate");
        CHECK(names(inferred_parameters(model, data, {"rate"})) == std::vector<std::string>{"a", "k2", "rate"});
        try {
            inferred_parameters(model, data, {});
            FAIL("no error");
        } catch (const nabla::Error& e) {
            CHECK(std::string(e.what()).find("'rate' is neither a column of the data (time, y, temp) nor a parameter")
                  == 0);
        }
        using Unused = std::vector<std::pair<std::string, std::size_t>>;
        const auto y = nabla::parse::parse("y"), log_temp = nabla::parse::parse("log(temp)");
        CHECK(unused_columns(std::vector{model, y}, data) == Unused{{"temp", 3}});
        CHECK(unused_columns(std::vector{model, log_temp}, data) == Unused{{"y", 2}});
        CHECK(unused_columns(std::vector{model}, data) == Unused{{"y", 2}, {"temp", 3}});
    }

    TEST_CASE("--fix: exact constants for names of the model that are not columns") {
        const nabla::opt::Table data = table("x,y\n0,1\n");
        const auto model = nabla::parse::parse("a*x + b");
        const FixedParameters fixed = fixed_parameters("b=1/3", model, data);
        REQUIRE(fixed.symbols.size() == 1);
        CHECK(fixed.values[0] == nabla::core::num(1, 3));
        CHECK(fixed.numbers[0] == doctest::Approx(1.0 / 3));
        CHECK(fixed_parameters("", model, data).symbols.empty());
        CHECK_THROWS_WITH_AS(fixed_parameters("b=1,b=2", model, data), "--fix: 'b' is given twice", nabla::Error);
        CHECK_THROWS_AS(fixed_parameters("b=log(-1)", model, data), nabla::Error);
        CHECK_THROWS_AS(fixed_parameters("2b=1", model, data), nabla::Error);
        CHECK(list_items("a=1,b=2") == std::vector<std::string>{"a=1", "b=2"});
        CHECK(list_items("").empty());
    }
}

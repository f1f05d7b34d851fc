// test_batch.cpp — the JSONL batch protocol: one answer per line, ids echoed, errors with positions.
#include "frontend/batch.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <sstream>

using nabla::frontend::answer_line;
using nlohmann::json;

namespace {
json answer(const std::string& line) { return json::parse(answer_line(line)); }
}  // namespace

TEST_SUITE("batch") {
    TEST_CASE("Batch: diff, grad, jacobian, hessian, simplify answers") {
        auto a = answer(R"J({"id": 1, "op": "diff", "expr": "x^3", "vars": ["x", "x"]})J");
        CHECK(a["ok"] == true);
        CHECK(a["result"] == "6*x");
        a = answer(R"J({"id": 2, "op": "grad", "expr": "x*y + y*z", "vars": ["y", "x", "z"]})J");
        CHECK(a["result"] == json::array({"x + z", "y", "y"}));
        a = answer(R"J({"id": 3, "op": "grad", "expr": "x10*x2"})J");
        CHECK(a["result"] == json::array({"x10", "x2"}));  // natural order: x2 before x10
        a = answer(R"J({"id": 4, "op": "jacobian", "exprs": ["x*y", "x + y"], "vars": ["x", "y"]})J");
        CHECK(a["result"] == json::array({json::array({"y", "x"}), json::array({"1", "1"})}));
        a = answer(R"J({"id": 5, "op": "hessian", "expr": "x^3 + y^3 - 3*x*y"})J");
        CHECK(a["result"] == json::array({json::array({"6*x", "-3"}), json::array({"-3", "6*y"})}));
        a = answer(R"J({"id": 6, "op": "simplify", "expr": "2*x + 3*x - x"})J");
        CHECK(a["result"] == "4*x");
    }

    TEST_CASE("Batch: expand, together, cancel, factor, collect answers") {
        auto a = answer(R"J({"id": 1, "op": "expand", "expr": "(x+1)^2 - x^2 - 2*x - 1"})J");
        CHECK(a["ok"] == true);
        CHECK(a["result"] == "0");
        a = answer(R"J({"id": 2, "op": "together", "expr": "1/x + 1/y"})J");
        CHECK(a["result"] == "(x + y)/(x*y)");
        a = answer(R"J({"id": 3, "op": "cancel", "expr": "(x^3 - y^3)/(x - y)"})J");
        CHECK(a["result"] == "x^2 + x*y + y^2");
        a = answer(R"J({"id": 4, "op": "factor", "expr": "x^2 - 1"})J");
        CHECK(a["result"] == "(x - 1)*(x + 1)");
        a = answer(R"J({"id": 5, "op": "collect", "expr": "a*x + b*x + c", "vars": ["x"]})J");
        CHECK(a["result"] == "c + x*(a + b)");
        a = answer(R"J({"id": 6, "op": "expand", "expr": "(a+b+c+d)^60"})J");
        CHECK(a["ok"] == false);
        CHECK(a["error"]["message"].get<std::string>().find("more than 10000 terms") != std::string::npos);
        CHECK(a["error"]["position"].is_null());
        a = answer(R"J({"id": 7, "op": "factor", "expr": "x^2 +* 1"})J");
        CHECK(a["ok"] == false);
        CHECK(a["error"]["position"] == 5);  // the *
        a = answer(R"J({"id": 8, "op": "collect", "expr": "a*x + b"})J");
        CHECK(a["ok"] == false);
        a = answer(R"J({"id": 9, "op": "frobnicate", "expr": "x"})J");
        CHECK(a["error"]["message"].get<std::string>().find("expand, together, cancel, factor or collect") !=
              std::string::npos);
    }

    TEST_CASE("Batch: eval is exact where it can be") {
        auto a = answer(R"J({"id": 7, "op": "eval", "expr": "cos(pi/3)*x", "at": {"x": 4}})J");
        CHECK(a["result"] == 2.0);
        CHECK(a["exact"] == "2");
        a = answer(R"J({"id": 8, "op": "eval", "expr": "x^2/3", "at": {"x": "1/2"}})J");
        CHECK(a["exact"] == "1/12");
        a = answer(R"J({"id": 9, "op": "eval", "expr": "x + 0.1", "at": {"x": 0.2}})J");
        CHECK(a["exact"] == "3/10");
        a = answer(R"J({"id": 10, "op": "eval", "expr": "sin(x)", "at": {"x": 1}})J");
        CHECK(a["result"].get<double>() == doctest::Approx(0.8414709848078965));
        CHECK(!a.contains("exact"));
    }

    TEST_CASE("Batch: ids are echoed exactly, whatever JSON value they are") {
        const char* ids[] = {"\"s1\"", "7", "-3", "2.5", "null", "true", "[1,2]", "{\"a\":1}",
                             "123456789012345678901234567890", "1e300"};
        for (const char* id : ids) {
            CAPTURE(id);
            const std::string out = answer_line(std::string(R"J({"id": )J") + id + R"J(, "op": "simplify", "expr": "x"})J");
            const std::string expected_prefix = std::string("{\"id\":") + json::parse(id).dump();
            if (std::string(id) == "123456789012345678901234567890" || std::string(id) == "1e300")
                CHECK(out.rfind(std::string("{\"id\":") + id + ",", 0) == 0);
            else
                CHECK(out.rfind(expected_prefix + ",", 0) == 0);
        }
    }

    TEST_CASE("Batch: every bad line gets an error answer") {
        struct Case {
            const char* line;
            const char* message_part;
            bool has_position;
        };
        const Case cases[] = {
            {"not json at all", "not valid JSON", false},
            {"", "not valid JSON", false},
            {"[1, 2]", "JSON object", false},
            {R"J({"id": 1})J", "op", false},
            {R"J({"id": 1, "op": "integrate", "expr": "x"})J", "unknown op", false},
            {R"J({"id": 1, "op": "diff", "expr": 5, "vars": ["x"]})J", "string", false},
            {R"J({"id": 1, "op": "diff", "expr": "x", "vars": "x"})J", "array", false},
            {R"J({"id": 1, "op": "diff", "expr": "x^3", "vars": ["3"]})J", "not a variable", false},
            {R"J({"id": 1, "op": "diff", "expr": "x*(y + 2", "vars": ["x"]})J", "expected", true},
            {R"J({"id": 1, "op": "diff", "expr": "bar(x)", "vars": ["x"]})J", "unknown function", true},
            {R"J({"id": 1, "op": "eval", "expr": "log(x)", "at": {"x": 0}})J", "log", false},
            {R"J({"id": 1, "op": "eval", "expr": "x + y", "at": {"x": 1}})J", "no value", false},
            {R"J({"id": 1, "op": "grad", "expr": "x*y", "vars": ["x", "x"]})J", "'x' is given twice", false},
            {R"J({"id": 1, "op": "hessian", "expr": "x*y", "vars": ["y", "x", "y"]})J", "'y' is given twice", false},
            {R"J({"id": 1, "op": "jacobian", "exprs": ["x"], "vars": ["x", "x"]})J", "'x' is given twice", false},
        };
        for (const Case& c : cases) {
            CAPTURE(c.line);
            const json a = answer(c.line);
            CHECK(a["ok"] == false);
            CHECK(a["error"]["message"].get<std::string>().find(c.message_part) != std::string::npos);
            CHECK(a["error"]["position"].is_number_integer() == c.has_position);
        }
    }

    TEST_CASE("Batch: eval with digits") {
        CHECK(answer_line(R"J({"id": 1, "op": "eval", "expr": "pi", "digits": 30})J")
              == R"J({"id":1,"ok":true,"result":3.141592653589793,"decimal":"3.14159265358979323846264338328"})J");
        json a = answer(R"J({"id": 2, "op": "eval", "expr": "x^2", "at": {"x": "1/3"}, "digits": 5})J");
        CHECK(a["exact"] == "1/9");
        CHECK(a["decimal"] == "0.11111");
        a = answer(R"J({"id": 3, "op": "eval", "expr": "exp(1000)", "digits": 5})J");
        CHECK(a["decimal"] == "1.9701e434");
        CHECK(a["result"].is_null());  // beyond a double
        a = answer(R"J({"id": 4, "op": "eval", "expr": "log(1 - pi)", "digits": 5})J");
        CHECK(a["ok"] == false);
        CHECK(a["error"]["message"].get<std::string>().find("log of a negative number") != std::string::npos);
        for (const char* digits : {"0", "10001", "\"5\"", "2.5", "-1"}) {
            CAPTURE(digits);
            a = answer(std::string(R"J({"id": 5, "op": "eval", "expr": "pi", "digits": )J") + digits + "}");
            CHECK(a["ok"] == false);
            CHECK(a["error"]["message"] == "\"digits\" must be an integer from 1 to 10000");
        }
        CHECK(answer(R"J({"id": 6, "op": "eval", "expr": "pi", "digits": null})J")["result"] == json(3.141592653589793));
    }

    TEST_CASE("Batch: a parse error's position is a character offset") {
        // The comment holds a two-byte character: the offset counts it once.
        const json a = answer(R"J({"id": 1, "op": "simplify", "expr": "# é\n x * / y"})J");
        CHECK(a["error"]["position"] == 9);
    }

    TEST_CASE("Batch: a number JSON cannot hold is an error line, not a crash") {
        const json a = answer(R"J({"id": 5, "op": "eval", "expr": "x", "at": {"x": 1e400}})J");
        CHECK(a["ok"] == false);
        CHECK(a["id"] == 5);
        CHECK(a["error"]["message"].get<std::string>().find("not valid JSON") != std::string::npos);
    }

    TEST_CASE("Batch: one line out per line in, in order") {
        std::istringstream in(
            "{\"id\":1,\"op\":\"simplify\",\"expr\":\"x+x\"}\n"
            "garbage\n"
            "\n"
            "{\"id\":4,\"op\":\"diff\",\"expr\":\"x^2\",\"vars\":[\"x\"]}\n");
        std::ostringstream out;
        nabla::frontend::run_jsonl(in, out);
        std::istringstream lines(out.str());
        std::vector<json> answers;
        for (std::string l; std::getline(lines, l);) answers.push_back(json::parse(l));
        REQUIRE(answers.size() == 4);
        CHECK(answers[0]["result"] == "2*x");
        CHECK(answers[1]["ok"] == false);
        CHECK(answers[2]["ok"] == false);
        CHECK(answers[3]["result"] == "2*x");
    }
}

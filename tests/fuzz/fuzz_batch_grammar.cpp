// fuzz_batch_grammar.cpp — libFuzzer, grammar-aware: the bytes choose a well-formed batch
// request (an op, an expression from a small grammar of the language, variables, values, the
// optional fields), so the fuzzer spends its time past the JSON and the parser, in
// differentiation, simplification, evaluation and printing. Checks as fuzz_batch.
#include "batch_check.hpp"

#include <fuzzer/FuzzedDataProvider.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 10> ops = {"diff", "grad", "jacobian", "hessian", "eval",
                                                  "simplify", "expand", "together", "cancel", "factor"};
constexpr std::array<std::string_view, 6> names = {"x", "y", "z", "t", "x2", "x10"};
constexpr std::array<std::string_view, 22> numbers = {
    "0", "1", "2", "3", "10", "1/2", "0.5", "2.5e-3", "1e-9", "-1", "7", "1000000007",
    "18446744073709551619", "0.30000000000000004", "1e100", "(2^64+3)", "(2^65+1)", "1/1000000000000",
    "123456789012345678901234567890", "pi", "e", "π"};
// Functions of the language with their arity; a few wrong arities are drawn too.
struct Function {
    std::string_view name;
    int arity;
};
constexpr std::array<Function, 27> functions = {{
    {"sin", 1},  {"cos", 1},   {"tan", 1},   {"asin", 1},  {"acos", 1},    {"atan", 1},     {"atan2", 2},
    {"sinh", 1}, {"cosh", 1},  {"tanh", 1},  {"asinh", 1}, {"acosh", 1},   {"atanh", 1},    {"exp", 1},
    {"log", 1},  {"log", 2},   {"sqrt", 1},  {"cbrt", 1},  {"abs", 1},     {"sign", 1},     {"heaviside", 1},
    {"sigmoid", 1}, {"softplus", 1}, {"relu", 1}, {"erf", 1}, {"pow", 2}, {"max", 2},
}};
constexpr std::array<std::string_view, 9> binary = {" + ", " - ", "*", "/", "^", "**", " * ", "·", "−"};

std::string expression(FuzzedDataProvider& in, int depth) {
    if (depth <= 0 || in.remaining_bytes() == 0) {
        switch (in.ConsumeIntegralInRange(0, 3)) {
        case 0: return std::string(in.PickValueInArray(numbers));
        case 1: return std::to_string(in.ConsumeIntegralInRange<int>(-50, 50));
        default: return std::string(in.PickValueInArray(names));
        }
    }
    switch (in.ConsumeIntegralInRange(0, 9)) {
    case 0: return "(" + expression(in, depth - 1) + ")";
    case 1: return "-" + expression(in, depth - 1);
    case 2: {  // implicit multiplication after a number or a closing parenthesis
        const std::string a = in.ConsumeBool() ? std::string(in.PickValueInArray(numbers))
                                               : "(" + expression(in, depth - 1) + ")";
        return a + "(" + expression(in, depth - 1) + ")";
    }
    case 3: return std::string(in.PickValueInArray(names)) + (in.ConsumeBool() ? "²" : "^" + std::to_string(in.ConsumeIntegralInRange(-3, 12)));
    case 4: case 5: {
        const Function f = in.PickValueInArray(functions);
        const int arity = in.ConsumeIntegralInRange(0, 15) == 0 ? in.ConsumeIntegralInRange(0, 3) : f.arity;
        std::string s = std::string(f.name) + "(";
        for (int i = 0; i < arity; ++i) s += (i ? ", " : "") + expression(in, depth - 1);
        return s + ")";
    }
    case 6: {  // a flat product or sum of several factors
        const int n = in.ConsumeIntegralInRange(2, 9);
        const std::string_view op = in.ConsumeBool() ? "*" : " + ";
        std::string s = expression(in, depth - 1);
        for (int i = 1; i < n; ++i) s += std::string(op) + expression(in, depth - 1);
        return s;
    }
    default: return expression(in, depth - 1) + std::string(in.PickValueInArray(binary)) + expression(in, depth - 1);
    }
}

json id_value(FuzzedDataProvider& in) {
    switch (in.ConsumeIntegralInRange(0, 5)) {
    case 0: return in.ConsumeIntegral<std::int64_t>();
    case 1: return in.ConsumeRandomLengthString(12);
    case 2: return nullptr;
    case 3: return json::array({in.ConsumeIntegral<int>(), "a", json::object({{"k", in.ConsumeBool()}})});
    case 4: return in.ConsumeFloatingPoint<double>();
    default: return json::object();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider in(data, size);
    json r = json::object();
    r["id"] = id_value(in);
    const std::string_view op = in.PickValueInArray(ops);
    r["op"] = op;
    const int depth = in.ConsumeIntegralInRange(0, 5);
    if (op == "jacobian" && in.ConsumeBool()) {
        json exprs = json::array();
        for (int i = in.ConsumeIntegralInRange(1, 3); i > 0; --i) exprs.push_back(expression(in, depth));
        r["exprs"] = exprs;
    } else {
        r["expr"] = expression(in, depth);
    }
    if (in.ConsumeBool()) {
        json vars = json::array();
        for (int i = in.ConsumeIntegralInRange(0, 4); i > 0; --i)
            vars.push_back(in.ConsumeIntegralInRange(0, 9) == 0 ? in.ConsumeRandomLengthString(6)
                                                                : std::string(in.PickValueInArray(names)));
        r["vars"] = vars;
    }
    if (op == "eval" || in.ConsumeIntegralInRange(0, 7) == 0) {
        json at = json::object();
        for (const std::string_view name : names) {
            switch (in.ConsumeIntegralInRange(0, 4)) {
            case 0: break;
            case 1: at[std::string(name)] = in.ConsumeFloatingPoint<double>(); break;
            case 2: at[std::string(name)] = in.ConsumeIntegralInRange<int>(-100, 100); break;
            case 3: at[std::string(name)] = std::string(in.PickValueInArray(numbers)); break;
            default: at[std::string(name)] = in.ConsumeProbability<double>(); break;
            }
        }
        r["at"] = at;
    }
    if (in.ConsumeBool()) {
        constexpr std::array<std::string_view, 4> formats = {"infix", "latex", "json", "cse"};
        r["format"] = in.PickValueInArray(formats);
    }
    if (in.ConsumeIntegralInRange(0, 3) == 0) r["sparse"] = in.ConsumeBool();
    if (in.ConsumeIntegralInRange(0, 3) == 0) r["steps"] = in.ConsumeBool();
    if (in.ConsumeIntegralInRange(0, 3) == 0) r["raw"] = in.ConsumeBool();
    if (in.ConsumeIntegralInRange(0, 3) == 0) r["digits"] = in.ConsumeIntegralInRange(-5, 60);
    nabla::fuzz::check_batch_answer(r.dump(-1, ' ', false, json::error_handler_t::replace));
    return 0;
}

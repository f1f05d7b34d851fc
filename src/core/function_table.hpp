// function_table.hpp — the rows of functions.def as data, and the domain check they name.
#pragma once

#include "core/expr.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace nabla::core {

// Where a real function of one argument is defined.
enum class Domain : std::uint8_t {
    Real,        // everywhere
    Positive,    // x > 0 (log)
    ClosedUnit,  // -1 <= x <= 1 (asin, acos)
    AtLeastOne,  // x >= 1 (acosh)
    OpenUnit,    // -1 < x < 1 (atanh)
};

struct FunctionRow {
    std::string_view name;
    int arity;
    std::string_view partial[2];  // d/du, d/dv as text over u and v; the second empty for arity 1
    Domain domain;
    std::string_view cpp;    // "std::sin" or a runtime helper "nabla_sign"
    std::string_view latex;  // notation, # standing for the arguments
};

const FunctionRow& function_row(Func f);

// The message of the DomainError for f(x), or nothing when x is in f's domain. T is double or
// mpq_class, so exact and double evaluation check one rule; `shown` is f(x) as the message
// shows it ("log(-2)"). For example "log(0) is undefined", "asin(2) is undefined (asin needs
// -1 <= x <= 1)".
template <class T>
std::optional<std::string> domain_problem(Func f, const T& x, const std::string& shown) {
    const FunctionRow& row = function_row(f);
    const std::string name(row.name);
    auto undefined = [&](const std::string& why) { return shown + " is undefined (" + why + ")"; };
    switch (row.domain) {
    case Domain::Real: return std::nullopt;
    case Domain::Positive:
        if (x == 0) return name + "(0) is undefined";
        if (x < 0) return undefined(name + " of a negative number");
        return std::nullopt;
    case Domain::ClosedUnit:
        if (x < -1 || x > 1) return undefined(name + " needs -1 <= x <= 1");
        return std::nullopt;
    case Domain::AtLeastOne:
        if (x < 1) return undefined(name + " needs x >= 1");
        return std::nullopt;
    case Domain::OpenUnit:
        if (x <= -1 || x >= 1) return undefined(name + " needs -1 < x < 1");
        return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace nabla::core

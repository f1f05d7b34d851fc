// environment.hpp — what a session remembers: defined names and numbered results.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/expr.hpp"
#include "frontend/request.hpp"

namespace nabla::repl {

// f(x, y) = body: the body is held with the parameters as plain symbols.
struct Function {
    std::vector<core::Expr> params;
    core::Expr body;
};

class Environment {
public:
    void define(const std::string& name, core::Expr value);   // a variable
    void define(const std::string& name, Function function);  // a function
    const core::Expr* variable(std::string_view name) const;
    const Function* function(std::string_view name) const;
    bool forget(std::string_view name);
    void forget_all();  // definitions and results

    // Results are numbered from 1; `ans` is the last one.
    std::size_t add_result(frontend::Response result);
    std::size_t next_result_number() const { return results_.size() + 1; }
    const frontend::Response* result(std::size_t number) const;
    std::size_t result_count() const { return results_.size(); }

    // Every defined name, sorted naturally (for completion and :vars).
    std::vector<std::string> names() const;

    // "a = 3" and "f(x, y) = x^2*y" lines, sorted naturally.
    std::string listing() const;

private:
    struct NaturalLess {
        using is_transparent = void;
        bool operator()(std::string_view a, std::string_view b) const { return core::natural_less(a, b); }
    };
    std::map<std::string, core::Expr, NaturalLess> variables_;
    std::map<std::string, Function, NaturalLess> functions_;
    std::vector<frontend::Response> results_;
};

// The scalar a result stands for in an expression: its expression, or an evaluated value as
// an exact number. Throws nabla::Error when the result is a vector or a matrix.
core::Expr scalar_of(const frontend::Response& result, std::size_t number);

}  // namespace nabla::repl

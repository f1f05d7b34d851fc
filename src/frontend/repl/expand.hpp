// expand.hpp — an expression written in the REPL -> core expression, the session's names applied.
//
// The statement's tree is lowered by parse::Lowering, the expression language's own rules,
// with a resolver for what only a session knows: its variables and functions, calls of user
// functions f(1, t), nested diff(...) calls, %N and ans. A definition is used as an
// expression, never pasted in as text (2a with a = x + 1 is 2*(x + 1)).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/expr.hpp"
#include "frontend/repl/environment.hpp"
#include "frontend/repl/syntax.hpp"

namespace nabla::repl {

struct Scope {
    const Environment& env;
    std::string_view text;           // the statement the trees come from
    std::vector<std::string> bound;  // names that stay symbols: the parameters being defined

    bool is_bound(std::string_view name) const;
};

// Throws nabla::Error; a position is a character offset in scope.text.
core::Expr expand(const ast::Sum& expression, const Scope& scope);
core::Expr expand(const ast::Argument& argument, const Scope& scope);  // must not be a binding

// The result %N or `ans` (number 0) written at byte `at`, which must exist.
const frontend::Response& result_at(std::size_t at, std::size_t number, const Scope& scope);

// Attaches byte position `at` of the statement to errors that have none, so the caret points
// at the call.
[[noreturn]] void rethrow_at(std::string_view statement, std::size_t at);

}  // namespace nabla::repl

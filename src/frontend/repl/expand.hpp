// expand.hpp — an expression written in the REPL -> core expression, definitions applied.
//
// The text is parsed by nabla::parse like any other expression. What the expression language
// does not have is taken out first and stands in the parsed text as a fresh placeholder symbol:
// calls of user functions f(1, t), nested diff(...) calls, %N and ans. Afterwards the
// placeholders and the defined names are replaced through core::substitute, so a definition is
// used as an expression, never pasted in as text (2a with a = x + 1 is 2*(x + 1)).
#pragma once

#include <string>
#include <vector>

#include "core/expr.hpp"
#include "frontend/repl/environment.hpp"
#include "frontend/repl/scan.hpp"

namespace nabla::repl {

struct Scope {
    const Environment& env;
    std::vector<std::string> bound;  // names that stay symbols: the parameters being defined

    bool is_bound(std::string_view name) const;
};

// Throws nabla::Error; a position is a character offset in piece.statement.
core::Expr expand(const Piece& piece, const Scope& scope);

// The result %N or `ans` (number 0) written at `at`, which must exist.
const frontend::Response& result_at(const Piece& at, std::size_t number, const Scope& scope);

// Attaches the position of `at` to errors that have none, so the caret points at the call.
[[noreturn]] void rethrow_at(const Piece& at);

}  // namespace nabla::repl

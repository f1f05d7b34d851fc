// statement.hpp — the REPL's statements (grammar/nabla.ebnf, "Statements"), parsed and sorted.
//
//   :name ARGS                 a command (:diff, :vars, :help, ...)
//   name = EXPR                define a variable
//   name(p1, ..., pn) = EXPR   define a function
//   diff(...), grad(...), hessian(...), jacobian(...), critical(...)   a call filling the statement
//   [EXPR, ...]                a list
//   EXPR                       anything else: an expression, brought to canonical form
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "frontend/repl/syntax.hpp"

namespace nabla::repl {

struct Statement {
    enum class Kind { Empty, Command, Definition, Call, List, Expression } kind = Kind::Empty;
    std::string_view text;  // the whole statement; positions are bytes in it
    ast::Statement tree;
    std::string name;        // Command: its name (without ':'); Call: the operation
    std::size_t name_at = 0;  // where the command or the call is written
    std::size_t rest = 0;     // Command: where its own text begins

    const ast::Sum& expression() const { return boost::get<ast::Sum>(tree.get()); }  // Call, List, Expression
    const ast::Definition& definition() const { return boost::get<ast::Definition>(tree.get()); }
    const ast::Call& call() const { return *call_of(expression()); }
    const ast::List& list() const { return *list_of(expression()); }
    std::string_view command_text() const;  // Command: the rest of the line, trimmed
};

// The operations that may be written as calls filling a statement: diff, grad, hessian,
// jacobian, critical.
bool is_call_operation(std::string_view name);

// Names the REPL itself gives a meaning to, which cannot be defined: the call operations,
// the workbench's subs, series and taylor, and `ans`.
bool is_reserved_name(std::string_view name);

// Parses `text` (which must outlive the result). Throws nabla::Error with a character
// position in `text` for a syntax error or a definition that cannot be made.
Statement parse_statement(std::string_view text);

}  // namespace nabla::repl

// statement.hpp — the REPL's statement syntax, which sits above the expression language.
//
//   :name ARGS                 a command (:diff, :vars, :help, ...)
//   name = EXPR                define a variable
//   name(p1, ..., pn) = EXPR   define a function
//   diff(...), grad(...), hessian(...), jacobian(...)   a calculus call filling the statement
//   [EXPR, ...]                a list
//   EXPR                       anything else: an expression, brought to canonical form
//
// Splitting a statement is purely syntactic; the expression pieces are left as slices of the
// statement for the expander, so error positions stay positions in what the user typed.
#pragma once

#include <string>
#include <vector>

#include "frontend/repl/scan.hpp"

namespace nabla::repl {

struct Statement {
    enum class Kind { Empty, Command, Definition, Call, List, Expression } kind = Kind::Empty;
    std::string name;                 // command (without ':'), defined name, or called operation
    Piece name_at;                    // where the name is written
    std::vector<std::string> params;  // Definition of a function
    Piece body;                       // Command: its argument text; Definition: the right side;
                                      // Expression: the whole statement
    std::vector<Piece> args;          // Call and List: the comma-separated arguments
};

// The calculus operations that may be written as calls: diff, grad, hessian, jacobian.
bool is_call_operation(std::string_view name);

// Names the REPL itself gives a meaning to, which cannot be defined: the call operations
// and `ans`.
bool is_reserved_name(std::string_view name);

// Splits `text` (which must outlive the result). Throws nabla::Error with a character
// position in `text` for a malformed definition head.
Statement parse_statement(std::string_view text);

}  // namespace nabla::repl

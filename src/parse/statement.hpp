// statement.hpp — text of a REPL statement -> its parse tree (grammar/nabla.ebnf, "Statements").
//
// The tree's node ids are byte offsets in the statement; parse::Lowering, given a Resolver for
// the session's names, turns its expressions into core expressions.
#pragma once

#include "grammar/ast.hpp"

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace nabla::parse {

// Nothing for a statement of blanks and comments. Throws nabla::ParseError or LimitError with
// a character position in `text`.
std::optional<grammar::ast::Statement> parse_statement(std::string_view text);

// The arguments of a command: `statement` from byte `begin` on, separated by commas or blanks.
// Positions (node ids and errors) are in the whole statement.
std::vector<grammar::ast::Argument> parse_arguments(std::string_view statement, std::size_t begin);

}  // namespace nabla::parse

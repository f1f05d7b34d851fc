// syntax.hpp — reading the parse trees of statements (grammar/ast.hpp) the way the REPL needs.
//
// Statements are parsed once, by the grammar (parse::parse_statement); the REPL then asks the
// tree what an argument is: a name alone, a count, a [..] list, %N, a binding. Positions are
// byte offsets in the statement; errors carry them as characters, as the parser reports them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "grammar/ast.hpp"

namespace nabla::repl {

namespace ast = grammar::ast;

// An error at byte `at` of `statement`.
Error error_at(std::string_view statement, std::size_t at, const std::string& message);

// Where a node starts and ends, in bytes.
std::size_t begin_of(const ast::Argument& a);
std::size_t begin_of(const ast::Sum& s);
std::size_t end_of(const ast::Sum& s);
std::size_t end_of(const ast::Argument& a);

// What an argument is, when it is that alone (no signs, operators or exponents); else null.
const ast::Sum* expression_of(const ast::Argument& a);  // not a binding
const ast::Binding* binding_of(const ast::Argument& a);
const ast::Name* name_of(const ast::Argument& a);
const ast::Number* number_of(const ast::Argument& a);
const ast::Reference* reference_of(const ast::Argument& a);
const ast::List* list_of(const ast::Argument& a);
const ast::Call* call_of(const ast::Sum& s);
const ast::List* list_of(const ast::Sum& s);

// The text of a node, as written.
std::string_view text_of(std::string_view statement, const ast::Argument& a);

// Open brackets minus closed ones, ignoring comments: > 0 means the statement goes on on the
// next line.
int open_brackets(std::string_view text);

}  // namespace nabla::repl

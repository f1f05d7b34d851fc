// statement.hpp — declares the top rules of the REPL's statement grammar (statement.cpp).
#pragma once

#include "grammar/ast.hpp"

#include <boost/spirit/home/x3/nonterminal/rule.hpp>

#include <vector>

namespace nabla::grammar {

namespace x3 = boost::spirit::x3;

namespace parser {
struct StatementInputId;
struct ArgumentsInputId;
// One whole statement: a command, a definition or an expression.
using statement_input_type = x3::rule<StatementInputId, ast::Statement>;
// The arguments of a command, separated by commas or by blanks (`:eval f x=1 y=2`).
using arguments_input_type = x3::rule<ArgumentsInputId, std::vector<ast::Argument>>;
BOOST_SPIRIT_DECLARE(statement_input_type, arguments_input_type)
}  // namespace parser

const parser::statement_input_type& statement_input();
const parser::arguments_input_type& arguments_input();

}  // namespace nabla::grammar

// expression.hpp — declares the top rule of the expression grammar and its accessor.
#pragma once

#include "grammar/ast.hpp"

#include <boost/spirit/home/x3/nonterminal/rule.hpp>

namespace nabla::grammar {

namespace x3 = boost::spirit::x3;

namespace parser {
struct InputId;
struct ExpressionId;
struct ArgumentId;
// One whole expression: leading/trailing blanks allowed, nothing else after it.
using input_type = x3::rule<InputId, ast::Sum>;
// An expression, and an argument of a call (an expression or a binding), for the statement
// grammar (statement.cpp), which builds on them.
using expression_type = x3::rule<ExpressionId, ast::Sum>;
using argument_type = x3::rule<ArgumentId, ast::Argument>;
BOOST_SPIRIT_DECLARE(input_type, expression_type, argument_type)
}  // namespace parser

const parser::input_type& input();
const parser::expression_type& expression();
const parser::argument_type& argument();

}  // namespace nabla::grammar

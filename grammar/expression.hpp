// expression.hpp — declares the top rule of the expression grammar and its accessor.
#pragma once

#include "grammar/ast.hpp"

#include <boost/spirit/home/x3/nonterminal/rule.hpp>

namespace nabla::grammar {

namespace x3 = boost::spirit::x3;

namespace parser {
struct InputId;
// One whole expression: leading/trailing blanks allowed, nothing else after it.
using input_type = x3::rule<InputId, ast::Sum>;
BOOST_SPIRIT_DECLARE(input_type)
}  // namespace parser

const parser::input_type& input();

}  // namespace nabla::grammar

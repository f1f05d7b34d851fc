// expression_def.hpp — the rules of the expression grammar (see nabla.ebnf).
//
// Only parentheses and calls recurse: sign runs, '^' chains, products and sums are loops
// whose lists the lowering folds, so long chains cannot exhaust the stack.
#pragma once

#include "grammar/ast.hpp"
#include "grammar/ast_adapted.hpp"
#include "grammar/error_handler.hpp"
#include "grammar/expression.hpp"

#include <boost/spirit/home/x3.hpp>
#include <boost/spirit/home/x3/support/utility/annotate_on_success.hpp>

#include <string>
#include <vector>

namespace nabla::grammar::parser {

using x3::char_;
using x3::lit;

// Rule IDs. Those whose nodes later errors point at record their source position; the top
// rule turns expectation failures into a diagnostic.
struct ExpressionId;
struct ProductId;
struct ProductOpId;
struct UnaryId : x3::annotate_on_success {};
struct ImplicitOperandId : x3::annotate_on_success {};
struct PowerId;
struct ExponentId;
struct PrimaryId;
struct NumberId : x3::annotate_on_success {};
struct NameId : x3::annotate_on_success {};
struct CallId : x3::annotate_on_success {};
struct ArgumentsId;
struct NumberTextId;
struct IdentifierId;
struct InputId : ErrorHandlerBase {};

// The rule names are what X3 reports as expected; error_handler.hpp maps them to readable text.
const x3::rule<ExpressionId, ast::Sum> expression = "expression";
const x3::rule<ProductId, ast::Product> product = "product";
const x3::rule<ProductOpId, ast::ProductOp> product_op = "product_op";
const x3::rule<UnaryId, ast::Unary> unary = "operand";
const x3::rule<ImplicitOperandId, ast::Unary> implicit_operand = "implicit_operand";
const x3::rule<PowerId, ast::Power> power = "power";
const x3::rule<ExponentId, ast::Exponent> exponent = "exponent";
const x3::rule<PrimaryId, ast::Primary> primary = "primary";
const x3::rule<NumberId, ast::Number> number = "number";
const x3::rule<NameId, ast::Name> name = "name";
const x3::rule<CallId, ast::Call> call = "call";
const x3::rule<ArgumentsId, std::vector<ast::Sum>> arguments = "arguments";
const x3::rule<NumberTextId, std::string> number_text = "number";
const x3::rule<IdentifierId, std::string> identifier = "name";
const input_type input = "input";

// Tokens. Character ranges, not x3::digit/alpha: those consult <cctype>, which is undefined
// for bytes >= 0x80.
const auto digit = char_('0', '9');
const auto name_start = char_("A-Za-z_");
const auto name_char = char_("A-Za-z0-9_");
const auto sign = char_("+-");
const auto pow_op = lit('^') | lit("**");
const auto mantissa = (+digit >> -('.' >> *digit)) | ('.' >> +digit);
const auto decimal_exponent = char_("eE") >> -sign >> +digit;  // "2e" alone is 2*e

const auto number_text_def = x3::lexeme[x3::raw[mantissa >> -decimal_exponent]];
const auto identifier_def = x3::lexeme[x3::raw[name_start >> *name_char]];

const auto number_def = number_text;
// A name directly followed by '(' is a call; checking here parses most names once, not twice.
const auto name_def = identifier >> !lit('(');
// Any name may be called; lowering resolves it, so an unknown one gets a helpful message.
const auto arguments_def = -(expression >> *(',' > expression));
const auto call_def = identifier >> '(' > arguments > ')';
const auto primary_def = number | name | call | ('(' > expression > ')');

// '^' is right-associative and its operand may carry signs: x^-2, 2^-x^2 = 2^(-(x^2)).
const auto exponent_def = *sign > primary;
const auto power_def = primary >> *(pow_op > exponent);
// Signs bind looser than '^': -x^2 = -(x^2). After a sign an operand must follow.
const auto unary_def = (+sign > power) | (x3::attr(std::string()) >> power);
// Implicit multiplication: `2x`, `(a)(b)`. The grammar accepts any power here; lowering rejects
// it unless the left operand ends with a number or ')' and the right one starts with no number.
const auto implicit_operand_def = x3::attr(std::string()) >> power;
// The lookahead rejects most non-operands (an operator, ')', the end) in one cheap test.
const auto product_op_def = (char_("*/") > unary)
                            | (&char_("0-9A-Za-z_.(") >> x3::attr(' ') >> implicit_operand);
const auto product_def = unary >> *product_op;
const auto expression_def = product >> *(sign > product);
const auto input_def = x3::eps > expression > x3::eoi;

BOOST_SPIRIT_DEFINE(expression, product, product_op, unary, implicit_operand, power, exponent,
                    primary, number, name, call, arguments, number_text, identifier, input)

}  // namespace nabla::grammar::parser

namespace nabla::grammar {
// Defined here, in the one translation unit that includes this file (expression.cpp).
const parser::input_type& input() { return parser::input; }
}  // namespace nabla::grammar

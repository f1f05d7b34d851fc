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
struct PiId : x3::annotate_on_success {};
struct RootId : x3::annotate_on_success {};
struct SuperscriptId;
struct SuperscriptPrimaryId;
struct SuperscriptNumberId : x3::annotate_on_success {};
struct SuperscriptTextId;
struct SignId;
struct MultiplyId;
struct SuperscriptSignId;
struct ArgumentsId;
struct ReferenceId : x3::annotate_on_success {};
struct ReferenceTextId;
struct ListId : x3::annotate_on_success {};
struct BindingId : x3::annotate_on_success {};
struct NumberTextId;
struct IdentifierId;
struct InputId : ErrorHandlerBase {};

// The rule names are what X3 reports as expected; error_handler.hpp maps them to readable text.
const expression_type expression = "expression";
const argument_type argument = "argument";
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
const x3::rule<PiId, ast::Name> pi_letter = "name";
const x3::rule<RootId, ast::Call> root = "root";
const x3::rule<SuperscriptId, ast::Exponent> superscript = "superscript";
const x3::rule<SuperscriptPrimaryId, ast::Primary> superscript_primary = "superscript";
const x3::rule<SuperscriptNumberId, ast::Number> superscript_number = "superscript";
const x3::rule<SuperscriptTextId, std::string> superscript_text = "superscript";
const x3::rule<SignId, char> sign = "sign";
const x3::rule<MultiplyId, char> multiply = "'*'";
const x3::rule<SuperscriptSignId, char> superscript_sign = "superscript";
const x3::rule<ArgumentsId, std::vector<ast::Argument>> arguments = "arguments";
const x3::rule<ReferenceId, ast::Reference> reference = "reference";
const x3::rule<ReferenceTextId, std::string> reference_text = "reference";
const x3::rule<ListId, ast::List> list = "list";
const x3::rule<BindingId, ast::Binding> binding = "binding";
const x3::rule<NumberTextId, std::string> number_text = "number";
const x3::rule<IdentifierId, std::string> identifier = "name";
const input_type input = "input";

// Tokens. Character ranges, not x3::digit/alpha: those consult <cctype>, which is undefined
// for bytes >= 0x80.
const auto digit = char_('0', '9');
const auto name_start = char_("A-Za-z_");
const auto name_char = char_("A-Za-z0-9_");
// Math spellings (UTF-8) beside the ASCII ones: − for -, · ⋅ for *, ÷ for /, π for pi,
// √ for sqrt, superscript digits and signs for powers (x², x⁻¹).
const auto sign_def = char_("+-") | (lit("\u2212") >> x3::attr('-'));
const auto multiply_def = char_("*/") | ((lit("\u00B7") | lit("\u22C5")) >> x3::attr('*'))
                          | (lit("\u00F7") >> x3::attr('/'));
const auto pi_spelling = lit("\u03C0");
const auto root_spelling = lit("\u221A");

struct SuperscriptDigits : x3::symbols<char> {
    SuperscriptDigits() {
        add("\u2070", '0')("\u00B9", '1')("\u00B2", '2')("\u00B3", '3')("\u2074", '4')("\u2075", '5')(
            "\u2076", '6')("\u2077", '7')("\u2078", '8')("\u2079", '9');
    }
};
const SuperscriptDigits superscript_digit;
const auto superscript_sign_def = (lit("\u207A") >> x3::attr('+')) | (lit("\u207B") >> x3::attr('-'));
const auto pow_op = lit('^') | lit("**");
const auto mantissa = (+digit >> -('.' >> *digit)) | ('.' >> +digit);
const auto decimal_exponent = char_("eE") >> -char_("+-") >> +digit;  // "2e" alone is 2*e

const auto number_text_def = x3::lexeme[x3::raw[mantissa >> -decimal_exponent]];
const auto identifier_def = x3::lexeme[x3::raw[name_start >> *name_char]];

const auto number_def = number_text;
// A name directly followed by '(' is a call; checking here parses most names once, not twice.
const auto name_def = identifier >> !lit('(');
// Any name may be called; lowering resolves it, so an unknown one gets a helpful message.
const auto arguments_def = -(argument >> *(',' > argument));
// `name =` starts a binding (not `name ==`); a binding is never an operand of a product.
const auto binding_start = identifier >> '=' >> !lit('=');
const auto binding_def = &binding_start >> identifier >> '=' > expression >> -(':' > expression);
const auto argument_def = binding | expression;
const auto reference_text_def = x3::lexeme['%' >> x3::raw[+digit]];
const auto reference_def = reference_text;
const auto list_def = '[' > arguments > ']';
const auto call_def = identifier >> '(' > arguments > ')';
const auto pi_letter_def = pi_spelling >> x3::attr(std::string("pi"));
// √u is sqrt(u) of the power that follows: √x² is sqrt(x^2), 2√x is 2*sqrt(x). The call it
// makes wraps that power in a sum of one term, tagged where the √ is written.
const auto make_root = [](auto& ctx) {
    ast::Sum radicand;
    radicand.first.first.power = std::move(x3::_attr(ctx));
    auto& handler = x3::get<x3::error_handler_tag>(ctx).get();
    handler.tag(radicand.first.first, x3::_where(ctx).begin(), x3::_where(ctx).end());
    ast::Call call;
    call.name = "sqrt";
    call.args.push_back(ast::Argument(std::move(radicand)));
    x3::_val(ctx) = std::move(call);
};
const auto root_def = (root_spelling > power)[make_root];
const auto primary_def = number | name | call | pi_letter | root | ('(' > expression > ')') | reference | list;
const auto superscript_text_def = x3::lexeme[+superscript_digit];
const auto superscript_number_def = superscript_text;
const auto superscript_primary_def = superscript_number;
const auto superscript_def = *superscript_sign >> superscript_primary;

// '^' is right-associative and its operand may carry signs: x^-2, 2^-x^2 = 2^(-(x^2)).
const auto exponent_def = *sign > primary;
const auto power_def = primary >> *((pow_op > exponent) | superscript);
// Signs bind looser than '^': -x^2 = -(x^2). After a sign an operand must follow.
const auto unary_def = (+sign > power) | (x3::attr(std::string()) >> power);
// Implicit multiplication: `2x`, `(a)(b)`. The grammar accepts any power here; lowering rejects
// it unless the left operand ends with a number or ')' and the right one starts with no number.
const auto implicit_operand_def = x3::attr(std::string()) >> power;
// The lookahead rejects most non-operands (an operator, ')', the end) in one cheap test.
// A binding is not an operand, so `:eval f x=1 y=2` reads as f and two bindings.
const auto product_op_def = (multiply > unary)
                            | (&(char_("0-9A-Za-z_.(%[") | pi_spelling | root_spelling) >> !binding_start
                               >> x3::attr(' ') >> implicit_operand);
const auto product_def = unary >> *product_op;
const auto expression_def = product >> *(sign > product);
const auto input_def = x3::eps > expression > x3::eoi;

BOOST_SPIRIT_DEFINE(expression, product, product_op, unary, implicit_operand, power, exponent,
                    primary, number, name, call, pi_letter, root, superscript, superscript_primary,
                    superscript_number, superscript_text, sign, multiply, superscript_sign, arguments, number_text, identifier, input,
                    argument, binding, reference, reference_text, list)

}  // namespace nabla::grammar::parser

namespace nabla::grammar {
// Defined here, in the one translation unit that includes this file (expression.cpp).
const parser::input_type& input() { return parser::input; }
const parser::expression_type& expression() { return parser::expression; }
const parser::argument_type& argument() { return parser::argument; }
}  // namespace nabla::grammar

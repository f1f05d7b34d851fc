// statement_def.hpp — the rules of the REPL's statements (see nabla.ebnf), on top of the
// expression rules, which expression.cpp instantiates.
#pragma once

#include "grammar/ast.hpp"
#include "grammar/ast_adapted.hpp"
#include "grammar/error_handler.hpp"
#include "grammar/expression.hpp"
#include "grammar/statement.hpp"

#include <boost/spirit/home/x3.hpp>
#include <boost/spirit/home/x3/support/utility/annotate_on_success.hpp>

namespace nabla::grammar::parser {

using x3::char_;
using x3::lit;

struct CommandId : x3::annotate_on_success {};
struct DefinitionId : x3::annotate_on_success {};
struct DefinedNameId : x3::annotate_on_success {};
struct ParameterId : x3::annotate_on_success {};
struct CommandNameId;
struct NameTextId;
struct ParameterListId;
struct StatementInputId : ErrorHandlerBase {};
struct ArgumentsInputId : ErrorHandlerBase {};

const x3::rule<CommandId, ast::Command> command = "command";
const x3::rule<DefinitionId, ast::Definition> definition = "definition";
const x3::rule<DefinedNameId, ast::Name> defined_name = "name";
const x3::rule<ParameterId, ast::Name> parameter = "parameter";
const x3::rule<CommandNameId, std::string> command_name = "command";
const x3::rule<NameTextId, std::string> name_text = "name";
const x3::rule<ParameterListId, std::vector<ast::Name>> parameter_list = "parameter";
const statement_input_type statement_input = "statement";
const arguments_input_type arguments_input = "arguments";

const auto name_char = char_("A-Za-z0-9_");
const auto name_text_def = x3::lexeme[x3::raw[char_("A-Za-z_") >> *name_char]];
const auto command_name_def = x3::no_skip[x3::raw[*name_char]];

// The name touches the colon (": diff" is the command with no name); the rest of the line
// is the command's to read.
const auto command_def = lit(':') >> command_name >> x3::omit[*char_];

// `name =` or `name(...) =` starts a definition; then its parts are expected, so a malformed
// head is an error where it goes wrong rather than an expression with a stray '='.
const auto definition_head = name_text >> -('(' >> *(char_ - char_("()")) >> ')') >> '=' >> !lit('=');
const auto defined_name_def = name_text;
const auto parameter_def = name_text;
const auto parameter_list_def = parameter >> *(',' > parameter);
const auto parameters = ('(' > parameter_list > ')') | x3::attr(std::vector<ast::Name>());
const auto definition_def = &definition_head >> defined_name > parameters > '=' > expression();

const auto statement_input_def = x3::eps > (command | definition | expression()) > x3::eoi;
// After each argument an optional comma: `f, x = 1` and `f x=1` both read as two arguments.
const auto arguments_input_def = x3::eps > -(argument() >> *(-lit(',') >> argument())) > x3::eoi;

BOOST_SPIRIT_DEFINE(command, definition, defined_name, parameter, parameter_list, command_name, name_text, statement_input,
                    arguments_input)

}  // namespace nabla::grammar::parser

namespace nabla::grammar {
const parser::statement_input_type& statement_input() { return parser::statement_input; }
const parser::arguments_input_type& arguments_input() { return parser::arguments_input; }
}  // namespace nabla::grammar

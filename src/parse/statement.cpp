// statement.cpp — runs the statement grammar with the expression parser's limits and messages.
#include "parse/statement.hpp"

#include "core/error.hpp"
#include "grammar/config.hpp"
#include "grammar/error_handler.hpp"
#include "grammar/statement.hpp"
#include "parse/input_checks.hpp"

#include <functional>

namespace nabla::parse {

namespace {

namespace ast = grammar::ast;
namespace x3 = boost::spirit::x3;

// Runs `rule` on statement[begin, end) with positions counted from the statement's start.
template <class Rule, class Tree>
void run(const Rule& rule, std::string_view statement, std::size_t begin, Tree& tree, bool whole_statement) {
    const std::string_view text = statement.substr(begin);
    check_length(text);
    const auto parse = [&] {
        grammar::error_handler_type handler(statement.begin(), statement.end());
        const auto parser = x3::with<x3::error_handler_tag>(std::ref(handler))[rule];
        auto first = text.begin();
        if (x3::phrase_parse(first, text.end(), parser, grammar::skipper, tree)) return true;
        const auto& diagnostic = handler.diagnostic();
        if (!diagnostic) throw ParseError("not a statement", grammar::char_offset(statement, begin));
        // `2 = x`, `a b = c`: an expression followed by '=' was meant as a definition.
        if (whole_statement && diagnostic->offset < statement.size() && statement[diagnostic->offset] == '=')
            throw ParseError("the left side of '=' must be a name or a function head, like a = 3 or f(x, y) = x*y",
                             grammar::char_offset(statement, grammar::skip_blank(statement, begin)));
        throw ParseError(diagnostic->message, grammar::char_offset(statement, diagnostic->offset));
    };
    if (check_nesting(text) > shallow_nesting)
        on_large_stack(parse);
    else
        parse();
}

}  // namespace

std::optional<ast::Statement> parse_statement(std::string_view text) {
    if (grammar::skip_blank(text, 0) == text.size()) return std::nullopt;
    ast::Statement tree;
    run(grammar::statement_input(), text, 0, tree, true);
    return tree;
}

std::vector<ast::Argument> parse_arguments(std::string_view statement, std::size_t begin) {
    std::vector<ast::Argument> args;
    if (grammar::skip_blank(statement, begin) == statement.size()) return args;
    run(grammar::arguments_input(), statement, begin, args, false);
    return args;
}

}  // namespace nabla::parse

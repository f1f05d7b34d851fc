// parse.cpp — runs the grammar on a text and lowers its parse tree to core expressions.
#include "parse/parse.hpp"

#include "core/error.hpp"
#include "grammar/ast.hpp"
#include "grammar/config.hpp"
#include "grammar/error_handler.hpp"
#include "grammar/expression.hpp"
#include "parse/input_checks.hpp"
#include "parse/lower.hpp"

#include <algorithm>
#include <functional>

namespace nabla::parse {

namespace {

namespace ast = grammar::ast;
namespace x3 = boost::spirit::x3;

core::Expr parse_checked(std::string_view text) {
    if (grammar::skip_blank(text, 0) == text.size()) throw ParseError("empty expression", 0);

    ast::Sum tree;
    grammar::error_handler_type handler(text.begin(), text.end());
    const auto parser = x3::with<x3::error_handler_tag>(std::ref(handler))[grammar::input()];
    auto first = text.begin();
    if (!x3::phrase_parse(first, text.end(), parser, grammar::skipper, tree)) {
        const auto& diagnostic = handler.diagnostic();
        if (!diagnostic) throw ParseError("not an expression", 0);
        throw ParseError(diagnostic->message, grammar::char_offset(text, diagnostic->offset));
    }
    return Lowering(text).sum(tree);
}

}  // namespace

core::Expr parse(std::string_view text) {
    check_length(text);
    if (check_nesting(text) > shallow_nesting) return on_large_stack([&] { return parse_checked(text); });
    return parse_checked(text);
}

bool is_variable_name(std::string_view name) {
    if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
    if (!std::all_of(name.begin(), name.end(), grammar::is_name_char)) return false;
    return name != "pi" && name != "e" && !is_function_name(name);
}

}  // namespace nabla::parse

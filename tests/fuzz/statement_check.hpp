// statement_check.hpp — what the REPL's statement grammar must do with any bytes: parse
// (parse::parse_statement, then a command's arguments with parse::parse_arguments) and lower
// every expression in it, or throw a nabla::Error whose position lies within the text.
#pragma once

#include "fuzz_common.hpp"

#include "core/error.hpp"
#include "parse/lower.hpp"
#include "parse/statement.hpp"

#include <exception>
#include <string>
#include <string_view>
#include <vector>

namespace nabla::fuzz {

namespace statement_check_detail {

namespace ast = grammar::ast;

inline void check_position(const Error& e, std::string_view text) {
    if (e.position() && *e.position() > text.size())
        finding(std::string("error position past the end: ") + e.what(), text);
}

inline void lower_all(std::string_view text, const std::vector<ast::Argument>& args) {
    for (const ast::Argument& a : args) {
        try {
            (void)parse::Lowering(text).argument(a);
        } catch (const Error& e) {
            check_position(e, text);
        }
    }
}

inline void parse_and_lower(std::string_view text) {
    const auto tree = parse::parse_statement(text);
    if (!tree) return;
    if (const auto* c = boost::get<ast::Command>(&tree->get())) {
        const std::size_t rest = static_cast<std::size_t>(c->id_first) + 1 + c->name.size();
        lower_all(text, parse::parse_arguments(text, rest));
    } else if (const auto* d = boost::get<ast::Definition>(&tree->get())) {
        lower_all(text, {ast::Argument(d->body)});
    } else {
        lower_all(text, {ast::Argument(boost::get<ast::Sum>(tree->get()))});
    }
}

}  // namespace statement_check_detail

inline void check_statement(std::string_view text) {
    try {
        statement_check_detail::parse_and_lower(text);
    } catch (const Error& e) {
        statement_check_detail::check_position(e, text);
    } catch (const std::exception& e) {
        finding(std::string("the statement parser threw a non-nabla exception: ") + e.what(), text);
    }
}

}  // namespace nabla::fuzz

// statement.cpp — recognising commands, definitions, calls and lists by their tokens.
#include "frontend/repl/statement.hpp"

#include <algorithm>
#include <array>

#include "core/error.hpp"
#include "parse/parse.hpp"

namespace nabla::repl {
namespace {

using K = Token::Kind;

constexpr std::array<std::string_view, 4> call_operations{"diff", "grad", "hessian", "jacobian"};

Error error_at(std::string_view text, std::size_t byte, const std::string& message) {
    return Error(message, char_offset(text, byte));
}

// name = ..., or name(p, q) = ...: the head is everything before the first top-level '='.
Statement definition(std::string_view text, const std::vector<Token>& t, std::size_t equals) {
    const std::string usage =
        "the left side of '=' must be a name or a function head, like a = 3 or f(x, y) = x*y";
    if (equals == 0 || t[0].kind != K::Name) throw error_at(text, t[0].begin, usage);
    Statement s;
    s.kind = Statement::Kind::Definition;
    s.name = std::string(text.substr(t[0].begin, t[0].end - t[0].begin));
    s.name_at = {text, t[0].begin, t[0].end};
    if (equals > 1) {
        const std::size_t close = equals - 1;
        if (t[1].kind != K::Open || t[1].bracket != '(' || matching_close(t, 1) != close)
            throw error_at(text, t[1].begin, usage);
        bool expect_name = true;
        for (std::size_t i = 2; i < close; ++i, expect_name = !expect_name) {
            if (!expect_name) {
                if (t[i].kind != K::Comma) throw error_at(text, t[i].begin, "expected ',' or ')'");
                continue;
            }
            if (t[i].kind != K::Name) throw error_at(text, t[i].begin, "expected a parameter name");
            std::string param(text.substr(t[i].begin, t[i].end - t[i].begin));
            if (!parse::is_variable_name(param) || is_reserved_name(param))
                throw error_at(text, t[i].begin, "'" + param + "' cannot be a parameter name");
            if (std::find(s.params.begin(), s.params.end(), param) != s.params.end())
                throw error_at(text, t[i].begin, "parameter '" + param + "' appears twice");
            s.params.push_back(std::move(param));
        }
        if (s.params.empty()) throw error_at(text, t[1].begin, "a function needs at least one parameter");
        if (expect_name) throw error_at(text, t[close].begin, "expected a parameter name");
    }
    if (is_reserved_name(s.name))
        throw error_at(text, t[0].begin, "'" + s.name + "' cannot be defined: the REPL reserves it");
    if (!parse::is_variable_name(s.name))
        throw error_at(text, t[0].begin, "'" + s.name + "' cannot be defined: it is a built-in name");
    s.body = Piece{text, t[equals].end, text.size()}.trimmed();
    if (s.body.blank()) throw error_at(text, t[equals].end, "expected an expression after '='");
    return s;
}

}  // namespace

bool is_call_operation(std::string_view name) {
    return std::find(call_operations.begin(), call_operations.end(), name) != call_operations.end();
}

bool is_reserved_name(std::string_view name) { return name == "ans" || is_call_operation(name); }

Statement parse_statement(std::string_view text) {
    const std::vector<Token> t = tokenize(text);
    Statement s;
    if (t.empty()) return s;
    const Piece whole = Piece{text, 0, text.size()}.trimmed();

    if (t[0].kind == K::Colon) {
        s.kind = Statement::Kind::Command;
        std::size_t name_end = t[0].end;
        if (t.size() > 1 && t[1].kind == K::Name && t[1].begin == t[0].end) name_end = t[1].end;
        s.name = std::string(text.substr(t[0].end, name_end - t[0].end));
        s.name_at = {text, t[0].begin, name_end};
        s.body = Piece{text, name_end, text.size()}.trimmed();
        return s;
    }

    int depth = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (t[i].kind == K::Open) ++depth;
        if (t[i].kind == K::Close) --depth;
        if (t[i].kind == K::Equals && depth == 0) return definition(text, t, i);
    }

    // A call or list fills the statement when its closing bracket is the last token.
    if (t.size() >= 3 && t[0].kind == K::Name && t[1].kind == K::Open && t[1].bracket == '(' &&
        matching_close(t, 1) == t.size() - 1) {
        std::string name(text.substr(t[0].begin, t[0].end - t[0].begin));
        if (is_call_operation(name)) {
            s.kind = Statement::Kind::Call;
            s.name = std::move(name);
            s.name_at = {text, t[0].begin, t[0].end};
            s.args = split_arguments({text, t[1].end, t.back().begin});
            return s;
        }
    }
    if (t[0].kind == K::Open && t[0].bracket == '[' && t.back().bracket == ']' &&
        matching_close(t, 0) == t.size() - 1) {
        s.kind = Statement::Kind::List;
        s.args = split_arguments({text, t[0].end, t.back().begin});
        return s;
    }
    s.kind = Statement::Kind::Expression;
    s.body = whole;
    return s;
}

}  // namespace nabla::repl

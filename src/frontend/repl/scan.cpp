// scan.cpp — tokenizing statements and measuring their brackets.
#include "frontend/repl/scan.hpp"

#include "core/text.hpp"

namespace nabla::repl {
namespace {

using core::is_digit;
using core::is_name_char;
using core::is_name_start;

// The end of the number starting at i, by the grammar: 1, 1.5, .5, 2., 2.5e-3; "2e" is 2*e.
std::size_t number_end(std::string_view s, std::size_t i) {
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && is_digit(s[i])) ++i;
    }
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        std::size_t j = i + 1;
        if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
        if (j < s.size() && is_digit(s[j])) {
            while (j < s.size() && is_digit(s[j])) ++j;
            i = j;
        }
    }
    return i;
}

}  // namespace

std::vector<Token> tokenize(std::string_view s) {
    std::vector<Token> out;
    std::size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (core::is_blank(c) || c == '#') {
            i = core::skip_blank(s, i);
        } else if (is_name_start(c)) {
            std::size_t j = i + 1;
            while (j < s.size() && is_name_char(s[j])) ++j;
            out.push_back({Token::Kind::Name, i, j});
            i = j;
        } else if (is_digit(c) || (c == '.' && i + 1 < s.size() && is_digit(s[i + 1]))) {
            const std::size_t j = number_end(s, i);
            out.push_back({Token::Kind::Number, i, j});
            i = j;
        } else if (c == '%' && i + 1 < s.size() && is_digit(s[i + 1])) {
            std::size_t j = i + 1;
            while (j < s.size() && is_digit(s[j])) ++j;
            out.push_back({Token::Kind::Ref, i, j});
            i = j;
        } else {
            Token t{Token::Kind::Other, i, i + 1};
            switch (c) {
                case '(':
                case '[':
                    t.kind = Token::Kind::Open, t.bracket = c;
                    break;
                case ')':
                case ']':
                    t.kind = Token::Kind::Close, t.bracket = c;
                    break;
                case ',':
                    t.kind = Token::Kind::Comma;
                    break;
                case '=':
                    t.kind = Token::Kind::Equals;
                    break;
                case ':':
                    t.kind = Token::Kind::Colon;
                    break;
                default:
                    break;
            }
            out.push_back(t);
            ++i;
        }
    }
    return out;
}

int open_brackets(std::string_view text) {
    int depth = 0;
    for (const Token& t : tokenize(text)) {
        if (t.kind == Token::Kind::Open) ++depth;
        if (t.kind == Token::Kind::Close) --depth;
    }
    return depth;
}

bool Piece::blank() const { return tokenize(text()).empty(); }

Piece Piece::trimmed() const {
    const std::vector<Token> tokens = tokenize(text());
    if (tokens.empty()) return {statement, begin, begin};
    return {statement, begin + tokens.front().begin, begin + tokens.back().end};
}

std::vector<Piece> split_arguments(const Piece& piece) {
    std::vector<Piece> out;
    std::size_t start = piece.begin;
    int depth = 0;
    for (const Token& t : tokenize(piece.text())) {
        if (t.kind == Token::Kind::Open) ++depth;
        if (t.kind == Token::Kind::Close) --depth;
        if (t.kind == Token::Kind::Comma && depth == 0) {
            out.push_back(Piece{piece.statement, start, piece.begin + t.begin}.trimmed());
            start = piece.begin + t.end;
        }
    }
    Piece last = Piece{piece.statement, start, piece.end}.trimmed();
    if (!out.empty() || !last.blank()) out.push_back(last);
    return out;
}

std::size_t matching_close(const std::vector<Token>& tokens, std::size_t open) {
    int depth = 0;
    for (std::size_t i = open; i < tokens.size(); ++i) {
        if (tokens[i].kind == Token::Kind::Open) ++depth;
        if (tokens[i].kind == Token::Kind::Close && --depth == 0) return i;
    }
    return tokens.size();
}

}  // namespace nabla::repl

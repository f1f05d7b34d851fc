// scan.cpp — tokenizing statements and measuring their brackets.
#include "frontend/repl/scan.hpp"

namespace nabla::repl {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || is_digit(c); }
bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

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
        if (is_blank(c)) {
            ++i;
        } else if (c == '#') {
            while (i < s.size() && s[i] != '\n') ++i;
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

namespace {
bool starts_code_point(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }
}  // namespace

std::size_t char_offset(std::string_view text, std::size_t byte) {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < byte && i < text.size(); ++i) chars += starts_code_point(text[i]);
    return chars;
}

std::size_t byte_offset(std::string_view text, std::size_t chars) {
    std::size_t byte = 0, seen = 0;
    while (byte < text.size() && seen < chars) {
        ++byte;
        while (byte < text.size() && !starts_code_point(text[byte])) ++byte;
        ++seen;
    }
    return byte + (chars > seen ? chars - seen : 0);
}

}  // namespace nabla::repl

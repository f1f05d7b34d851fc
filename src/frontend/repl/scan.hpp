// scan.hpp — a light tokenizer for REPL statements: names, numbers, brackets, commas, '=' and %N.
//
// It sees just enough of the expression language to find the REPL's own syntax around it
// (definitions, calls of user functions, result references); the expressions themselves are
// still parsed by nabla::parse. Offsets are bytes into the scanned text.
#pragma once

#include "core/text.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace nabla::repl {

struct Token {
    enum class Kind { Name, Number, Ref, Open, Close, Comma, Equals, Colon, Other } kind;
    std::size_t begin;  // byte offsets in the scanned text
    std::size_t end;
    char bracket = 0;  // '(' or '[' for Open, ')' or ']' for Close
};

// Tokens of `text`; blanks and '#' comments are skipped. Never throws: any character the
// REPL does not care about is an Other token, left for the expression parser to judge.
std::vector<Token> tokenize(std::string_view text);

// Open brackets minus closed ones, ignoring comments: > 0 means the statement goes on
// on the next line.
int open_brackets(std::string_view text);

// A slice [begin, end) of a statement, in bytes. Errors point into the whole statement, so
// slices keep their place in it rather than being copied out.
struct Piece {
    std::string_view statement;
    std::size_t begin = 0;
    std::size_t end = 0;

    std::string_view text() const { return statement.substr(begin, end - begin); }
    bool blank() const;
    Piece trimmed() const;  // without surrounding blanks and comments
};

// Splits at the commas outside brackets. An empty piece is returned as empty, so "f(,x)" can
// be reported where it is.
std::vector<Piece> split_arguments(const Piece& piece);

// The index of the token closing the bracket opened at tokens[open], or tokens.size().
std::size_t matching_close(const std::vector<Token>& tokens, std::size_t open);

// Character (Unicode code point) offset of a byte offset, and back; positions in errors are
// characters, as nabla::parse reports them.
using core::byte_offset;
using core::char_offset;

}  // namespace nabla::repl

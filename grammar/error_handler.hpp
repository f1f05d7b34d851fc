// error_handler.hpp — turns X3 expectation failures into one readable diagnostic with a position.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <boost/spirit/home/x3.hpp>
#include <boost/spirit/home/x3/support/ast/position_tagged.hpp>
#include <boost/spirit/home/x3/support/utility/error_reporting.hpp>

namespace nabla::grammar {

namespace x3 = boost::spirit::x3;

// ---- source text helpers, shared with the lowering's semantic errors ----

inline bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// The offset of the next token at or after `at`: skips what the skipper skips (blanks, comments).
inline std::size_t skip_blank(std::string_view text, std::size_t at) {
    while (at < text.size()) {
        if (is_blank(text[at])) {
            ++at;
        } else if (text[at] == '#') {
            while (at < text.size() && text[at] != '\n') ++at;
        } else {
            break;
        }
    }
    return at;
}

// Byte offset -> character (code point) offset: counts the bytes that are not UTF-8 continuations.
inline std::size_t char_offset(std::string_view text, std::size_t byte) {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < byte && i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++chars;
    return chars;
}

// Length of the well-formed UTF-8 sequence starting at `at`, or 0 when it is malformed.
inline std::size_t utf8_length(std::string_view text, std::size_t at) {
    auto byte = [&](std::size_t i) -> unsigned {
        return at + i < text.size() ? static_cast<unsigned char>(text[at + i]) : 0u;
    };
    const unsigned b0 = byte(0);
    if (b0 < 0x80) return 1;
    std::size_t n = 0;
    unsigned lo = 0x80, hi = 0xBF;  // allowed range of the second byte (no overlongs, surrogates)
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        n = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        n = 3;
        if (b0 == 0xE0) lo = 0xA0;
        if (b0 == 0xED) hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        n = 4;
        if (b0 == 0xF0) lo = 0x90;
        if (b0 == 0xF4) hi = 0x8F;
    } else {
        return 0;
    }
    if (byte(1) < lo || byte(1) > hi) return 0;
    for (std::size_t i = 2; i < n; ++i)
        if ((byte(i) & 0xC0) != 0x80) return 0;
    return n;
}

inline bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// True for the characters a token of the language can start with.
inline bool starts_token(char c) {
    return is_name_char(c) || std::string_view("+-*/^().,").find(c) != std::string_view::npos;
}

// `text` between single quotes.
inline std::string quoted(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 2);
    out += '\'';
    out.append(text);
    out += '\'';
    return out;
}

// The token or character at `at`, quoted for a message; always valid UTF-8.
inline std::string describe_at(std::string_view text, std::size_t at) {
    static constexpr std::string_view hex = "0123456789ABCDEF";
    if (at >= text.size()) return "end of input";
    const char c = text[at];
    const auto u = static_cast<unsigned char>(c);
    std::size_t end = at + 1;
    if (is_name_char(c) || c == '.') {
        while (end < text.size() && (is_name_char(text[end]) || text[end] == '.')) ++end;
        if (end - at > 32) return quoted(std::string(text.substr(at, 32)) + "...");
    } else if (text.substr(at, 2) == "**") {
        end = at + 2;
    } else if (u < 0x20 || u == 0x7F) {
        return std::string("U+00") + hex[u >> 4] + hex[u & 15];
    } else if (u >= 0x80) {
        const std::size_t n = utf8_length(text, at);
        if (n == 0) return std::string("byte 0x") + hex[u >> 4] + hex[u & 15] + " (not UTF-8)";
        end = at + n;
    }
    return quoted(text.substr(at, end - at));
}

// What X3 names an expected rule or token -> what a user reads.
inline std::string readable_name(const std::string& what) {
    static const char* const operand = "a number, name or '('";
    struct Entry { const char* what; const char* readable; };
    static const Entry names[] = {
        {"expression", operand}, {"product", operand}, {"operand", operand},
        {"power", operand},      {"exponent", operand}, {"primary", operand},
        {"number", "a number"},  {"name", "a name"},    {"eoi", "end of input"},
    };
    for (const auto& entry : names)
        if (what == entry.what) return entry.readable;
    return what;  // literals already read as "')'"
}

// ---- the handler X3 finds in the parse context ----

// One syntax error: a byte offset into the source and a message.
struct Diagnostic {
    std::size_t offset = 0;
    std::string message;
};

template <typename Iterator>
class ErrorHandler {
public:
    ErrorHandler(Iterator first, Iterator last) : first_(first), last_(last) {}

    // Called by x3::annotate_on_success: the source itself is the position cache, so a node's
    // ids are the byte offsets of its first and one-past-last characters.
    template <typename Ast>
    void tag(Ast& ast, Iterator first, Iterator last) const {
        if constexpr (std::is_base_of_v<x3::position_tagged, Ast>) {
            ast.id_first = static_cast<int>(first - first_);
            ast.id_last = static_cast<int>(last - first_);
        }
    }

    // Records that `what` was expected at `where`. Only the first report is kept: it is the
    // innermost failure, and outer rules may report again on their way out.
    void expected(Iterator where, const std::string& what) {
        if (diagnostic_) return;
        const std::string_view text(std::to_address(first_),
                                    static_cast<std::size_t>(last_ - first_));
        const std::size_t at = skip_blank(text, static_cast<std::size_t>(where - first_));
        Diagnostic d;
        d.offset = at;
        if (at >= text.size())
            d.message = "unexpected end of input, expected " + readable_name(what);
        else if (!starts_token(text[at]))
            d.message = "unexpected character " + describe_at(text, at);
        else if (what == "eoi")
            d.message = (text[at] == ')' ? "unmatched " : "unexpected ") + describe_at(text, at);
        else
            d.message = "expected " + readable_name(what) + ", found " + describe_at(text, at);
        diagnostic_ = std::move(d);
    }

    const std::optional<Diagnostic>& diagnostic() const { return diagnostic_; }

private:
    Iterator first_;
    Iterator last_;
    std::optional<Diagnostic> diagnostic_;
};

// Base of the top rule's ID: X3 calls on_error when an expectation '>' fails below it.
struct ErrorHandlerBase {
    template <typename Iterator, typename Exception, typename Context>
    x3::error_handler_result on_error(Iterator&, const Iterator&, const Exception& x,
                                      const Context& context) {
        auto& handler = x3::get<x3::error_handler_tag>(context).get();
        handler.expected(x.where(), x.which());
        return x3::error_handler_result::fail;
    }
};

}  // namespace nabla::grammar

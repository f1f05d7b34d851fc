// error_handler.hpp — turns X3 expectation failures into one readable diagnostic with a position.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/text.hpp"

#include <boost/spirit/home/x3.hpp>
#include <boost/spirit/home/x3/support/ast/position_tagged.hpp>
#include <boost/spirit/home/x3/support/utility/error_reporting.hpp>

namespace nabla::grammar {

namespace x3 = boost::spirit::x3;

// ---- source text helpers, shared with the lowering's semantic errors ----

using core::char_offset;
using core::is_blank;
using core::is_name_char;
using core::skip_blank;
using core::utf8_length;

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
        {"argument", operand},   {"list", "'['"},       {"parameter", "a parameter name"},
        {"value", operand},
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

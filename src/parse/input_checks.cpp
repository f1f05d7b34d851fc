// input_checks.cpp — length and nesting, measured on the text.
#include "parse/input_checks.hpp"

#include "core/error.hpp"
#include "core/limits.hpp"
#include "core/text.hpp"
#include "grammar/error_handler.hpp"

#include <algorithm>
#include <string>

namespace nabla::parse {

void check_length(std::string_view text) {
    if (text.size() <= limits::max_input_chars) return;  // bytes bound characters
    if (grammar::char_offset(text, text.size()) > limits::max_input_chars)
        throw LimitError("expression longer than " + std::to_string(limits::max_input_chars)
                         + " characters");
}

std::size_t check_nesting(std::string_view text) {
    constexpr std::string_view root = "\u221A";
    std::size_t deepest = 0;
    std::size_t depth = 0;
    std::size_t roots = 0;
    auto deeper = [&](std::size_t at) {
        if (depth + roots > limits::max_nesting)
            throw LimitError("parentheses, brackets, calls and square roots nested deeper than "
                                 + std::to_string(limits::max_nesting) + " levels",
                             grammar::char_offset(text, at));
        deepest = std::max(deepest, depth + roots);
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '#') {
            i = core::skip_blank(text, i) - 1;  // past the comment (and the blanks after it)
        } else if (c == '(' || c == '[') {
            ++depth;
            deeper(i);
        } else if ((c == ')' || c == ']') && depth > 0) {
            --depth;
        } else if (text.substr(i, root.size()) == root) {
            ++roots;
            deeper(i);
        }
    }
    return deepest;
}

// Runs `task` on a thread with a stack large enough for the deepest nesting allowed, even in
// sanitizer builds whose frames are several times larger; the exception, if any, comes back.

}  // namespace nabla::parse

// diagnostic.cpp — locating a character offset in (possibly multi-line, UTF-8) input.
#include "frontend/diagnostic.hpp"

#include "core/text.hpp"

#include <algorithm>

namespace nabla::frontend {

std::string describe(const Error& error, std::string_view input) {
    if (!error.position()) return std::string("error: ") + error.what() + "\n";
    // The byte where the position-th code point starts, and its line.
    const std::size_t byte = std::min(core::byte_offset(input, *error.position()), input.size());
    std::size_t line_start = byte;
    while (line_start > 0 && input[line_start - 1] != '\n') --line_start;
    std::size_t line_end = input.find('\n', byte);
    if (line_end == std::string_view::npos) line_end = input.size();
    std::size_t line_no = 1, column = 1;
    for (std::size_t i = 0; i < line_start; ++i) line_no += input[i] == '\n';
    for (std::size_t i = line_start; i < byte; ++i) column += core::starts_code_point(input[i]);
    std::string out = "error at ";
    if (line_no > 1) out += "line " + std::to_string(line_no) + ", ";
    out += "column " + std::to_string(column) + ": " + error.what() + "\n";
    std::string line(input.substr(line_start, line_end - line_start));
    for (char& c : line)
        if (c == '\t' || static_cast<unsigned char>(c) < 0x20) c = ' ';
    // A long line is shown as a window of characters around the column, cut between code points.
    constexpr std::size_t max_shown = 120;
    const std::size_t chars = core::char_offset(line, line.size());
    auto byte_at = [&](std::size_t chars_before) { return std::min(core::byte_offset(line, chars_before), line.size()); };
    std::size_t shift = 0;  // characters left out before the window; "..." stands for three of them
    if (chars > max_shown && column > max_shown / 2) {
        shift = column - max_shown / 2;
        const std::size_t from = byte_at(shift + 3);
        line = "..." + line.substr(from, byte_at(shift + 3 + max_shown) - from);
    } else if (chars > max_shown) {
        line = line.substr(0, byte_at(max_shown)) + "...";
    }
    out += "  " + line + "\n  " + std::string(column - 1 - shift, ' ') + "^\n";
    return out;
}

}  // namespace nabla::frontend

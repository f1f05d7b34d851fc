// text.hpp — the language's blanks, comments and names, and UTF-8 offsets: one definition for
// the grammar's skipper, the pre-scans before it and the frontends' positions.
#pragma once

#include <cstddef>
#include <string_view>

namespace nabla::core {

// ---- lexical basics of the expression language (grammar/nabla.ebnf) ----

inline bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
inline bool is_name_char(char c) { return is_name_start(c) || is_digit(c); }

// The offset of the next token at or after `at`: skips blanks and '#' comments (to the end
// of the line), what the grammar's skipper skips between tokens.
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

// ---- UTF-8: error positions count characters (code points), not bytes ----

// False for a UTF-8 continuation byte.
inline bool starts_code_point(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

// Byte offset -> character offset: the bytes before `byte` that start a code point.
inline std::size_t char_offset(std::string_view text, std::size_t byte) {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < byte && i < text.size(); ++i) chars += starts_code_point(text[i]);
    return chars;
}

// Character offset -> byte offset of that code point; past the end, one byte per character.
inline std::size_t byte_offset(std::string_view text, std::size_t chars) {
    std::size_t byte = 0, seen = 0;
    while (byte < text.size() && seen < chars) {
        ++byte;
        while (byte < text.size() && !starts_code_point(text[byte])) ++byte;
        ++seen;
    }
    return byte + (chars > seen ? chars - seen : 0);
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

}  // namespace nabla::core

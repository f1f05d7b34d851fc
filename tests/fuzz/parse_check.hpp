// parse_check.hpp — what parse::parse must do with any bytes: return an expression or throw a
// nabla::Error whose position lies within the text; anything else is a finding.
#pragma once

#include "fuzz_common.hpp"

#include "core/error.hpp"
#include "parse/parse.hpp"

#include <exception>
#include <string>
#include <string_view>

namespace nabla::fuzz {

inline void check_parse(std::string_view text) {
    try {
        (void)parse::parse(text);
    } catch (const Error& e) {
        // Positions count code points, so none can lie beyond the number of bytes.
        if (e.position() && *e.position() > text.size())
            finding("error position " + std::to_string(*e.position()) + " past the end: " + e.what(), text);
    } catch (const std::exception& e) {
        finding(std::string("parse threw a non-nabla exception: ") + e.what(), text);
    }
}

}  // namespace nabla::fuzz

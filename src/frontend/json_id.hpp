// json_id.hpp — finding a batch request's "id" as raw text, so it is echoed exactly as written.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace nabla::frontend {

struct TextSpan {
    std::size_t begin = 0, end = 0;
};

// Where the value of the top-level "id" member of a JSON object lies in `line` (the last one
// when there are several), if the line is an object with one and that value is valid JSON.
// Works without building the value: it may be nested any depth, or a number no double holds
// (1e400, -0, 2^100), and is then echoed verbatim.
std::optional<TextSpan> find_id(std::string_view line);

}  // namespace nabla::frontend

// render.hpp — results as text for people (infix, LaTeX, CSE) and as JSON for programs.
#pragma once

#include "core/limits.hpp"
#include "frontend/request.hpp"

#include <cstddef>
#include <optional>
#include <string>

namespace nabla::frontend {

enum class Format { Infix, Latex, Json, Cse };

std::optional<Format> format_from_name(std::string_view name);

// The batch protocol's fields as JSON object members, without braces:
// `"result": str | [str] | [[str]] | number` and `"exact": str` for an exact eval; with digits,
// `"decimal": str` too, and a result of null when the value is beyond the double range.
// Both functions throw nabla::LimitError once the text would pass max_bytes, before
// building more of it.
std::string result_fields(const Response& result, std::size_t max_bytes = limits::max_result_bytes);

// For the terminal: a scalar on one line, a gradient one entry per line, matrices with
// aligned columns (pmatrix in LaTeX).
std::string render(const Response& result, Format format, std::size_t max_bytes = limits::max_result_bytes);

}  // namespace nabla::frontend

// render.hpp — results as text for people (infix, LaTeX, CSE) and as JSON for programs.
#pragma once

#include "frontend/request.hpp"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>

namespace nabla::frontend {

enum class Format { Infix, Latex, Json, Cse };

std::optional<Format> format_from_name(std::string_view name);

// The batch protocol's fields: {"result": str | [str] | [[str]] | number, "exact": str}.
nlohmann::json result_json(const Result& result);

// For the terminal: a scalar on one line, a gradient one entry per line, matrices with
// aligned columns (pmatrix in LaTeX). `label` names the result in CSE output ("f", "H").
std::string render(const Result& result, Format format);

}  // namespace nabla::frontend

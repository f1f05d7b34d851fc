// steps_text.hpp — a derivation (diff/steps.hpp) written out for reading, in text or LaTeX.
#pragma once

#include "diff/steps.hpp"
#include "frontend/request.hpp"

#include <string>

namespace nabla::frontend {

// Each throws the nabla::LimitError of throw_steps_too_long past limits::max_steps_bytes.
std::string steps_text(const diff::Derivation& d);
std::string steps_latex(const diff::Derivation& d);

// All the derivations of a response: one alone as it is; several each under a heading naming
// the derivative ("∂/∂y [x*y^2]:"). Throws past limits::max_steps_bytes in all.
std::string steps_of(const Response& response, bool latex);

// Throws the nabla::LimitError for steps past limits::max_steps_bytes.
[[noreturn]] void throw_steps_too_long();

}  // namespace nabla::frontend

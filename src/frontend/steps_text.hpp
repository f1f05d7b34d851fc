// steps_text.hpp — a derivation (diff/steps.hpp) written out for reading, in text or LaTeX.
#pragma once

#include "core/expr.hpp"

#include <string>

namespace nabla::frontend {

std::string steps_text(const core::Expr& f, const core::Expr& x);
std::string steps_latex(const core::Expr& f, const core::Expr& x);

// Throws the nabla::LimitError for steps past limits::max_steps_bytes.
[[noreturn]] void throw_steps_too_long();

}  // namespace nabla::frontend

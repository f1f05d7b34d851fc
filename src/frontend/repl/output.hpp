// output.hpp — results as the REPL shows them: numbered, lists in brackets, matrices aligned.
#pragma once

#include <string>

#include "frontend/render.hpp"
#include "frontend/repl/style.hpp"

namespace nabla::repl {

// "[3] x^2 + 1\n"; a list "[4] [2*x, 2*y]\n" (one entry a line when long); a matrix with its
// rows aligned under each other; an exact value with its decimal beside it.
std::string format_result(std::size_t number, const frontend::Response& result, const Style& style);

// Infix, or a note when the expression is too large to print as a tree.
std::string infix_or_note(const core::Expr& e);

// The result in one output format, without a number (for :latex).
std::string format_plain(const frontend::Response& result, frontend::Format format);

}  // namespace nabla::repl

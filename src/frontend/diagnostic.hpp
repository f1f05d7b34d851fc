// diagnostic.hpp — an error shown with the input line and a caret under its position.
#pragma once

#include "core/error.hpp"

#include <string>
#include <string_view>

namespace nabla::frontend {

// "error at column 9: expected ')'\n  x*(y + 2\n          ^\n"; without the caret lines when
// the error has no position. `input` is the text the position refers to.
std::string describe(const Error& error, std::string_view input);

}  // namespace nabla::frontend

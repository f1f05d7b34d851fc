// version.hpp — nabla's version, for `--version` and the REPL's banner.
#pragma once

#include <string_view>

namespace nabla::frontend {

// CMake's PROJECT_VERSION, e.g. "0.1.0": the one place the number is written.
std::string_view version();

}  // namespace nabla::frontend

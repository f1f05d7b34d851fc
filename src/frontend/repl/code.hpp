// code.hpp — :code, the generated C++ of a result.
#pragma once

#include "frontend/repl/scan.hpp"
#include "frontend/request.hpp"

#include <string>

namespace nabla::repl {

// The C++ source for the result; throws nabla::Error (at `at`) when this build has no code
// generator.
std::string generated_code(const frontend::Result& result, const Piece& at);

}  // namespace nabla::repl

// code.hpp — :code, the generated C++ of a result.
#pragma once

#include <string>

#include "frontend/repl/scan.hpp"
#include "frontend/request.hpp"

namespace nabla::repl {

// The C++ source (codegen::generate_cpp) of a result: entry points named f over its entries,
// the variables in the result's order, then any other symbol naturally sorted. Throws
// nabla::Error at `at` for a numeric result or when generation fails.
std::string generated_code(const frontend::Response& result, const Piece& at);

}  // namespace nabla::repl

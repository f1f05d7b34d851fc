// code.hpp — :code, the generated C++ of a result.
#pragma once

#include <string>

#include <string_view>
#include "frontend/request.hpp"

namespace nabla::repl {

// The C++ source (codegen::generate_cpp) of a result: entry points named f over its entries,
// the variables in the result's order, then any other symbol naturally sorted. Throws
// nabla::Error at byte `at` of the statement for a numeric result or when generation fails.
std::string generated_code(const frontend::Response& result, std::string_view statement, std::size_t at);

}  // namespace nabla::repl

// emit_cpp.hpp — a Module as one self-contained C++17 source: deterministic, byte for byte.
#pragma once

#include "codegen/module.hpp"

#include <string>

namespace nabla::codegen {

// The source: a comment header, helpers the code uses (from runtime/nabla_rt.hpp), pooled
// constants sorted by value, then one extern "C" function per entry point, each a straight
// line of `const double tK = ...;` in program order. The same module gives the same bytes.
std::string emit_cpp(const Module& module);

// build_module then emit_cpp.
std::string generate_cpp(const Spec& spec);

}  // namespace nabla::codegen

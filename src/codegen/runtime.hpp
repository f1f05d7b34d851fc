// runtime.hpp — the text of runtime/nabla_rt.hpp, cut into the helpers generated code includes.
#pragma once

#include <string>
#include <string_view>

namespace nabla::codegen {

// The whole of runtime/nabla_rt.hpp, embedded at build time.
std::string_view runtime_source();

// The section "// @helper NAME" of it, without the markers; InternalError if there is none.
std::string runtime_helper(std::string_view name);

}  // namespace nabla::codegen

// runtime.cpp — helper sections of the embedded runtime/nabla_rt.hpp.
#include "codegen/runtime.hpp"

#include "core/error.hpp"

namespace nabla::codegen {

namespace {
constexpr std::string_view text =
#include "codegen/nabla_rt_text.inc"
    ;
}  // namespace

std::string_view runtime_source() { return text; }

std::string runtime_helper(std::string_view name) {
    const std::string begin = "// @helper " + std::string(name) + "\n";
    const std::string_view end = "// @end\n";
    const std::size_t from = text.find(begin);
    NABLA_ASSERT(from != std::string_view::npos, "codegen: no runtime helper " + std::string(name));
    const std::size_t start = from + begin.size();
    const std::size_t stop = text.find(end, start);
    NABLA_ASSERT(stop != std::string_view::npos, "codegen: unterminated runtime helper " + std::string(name));
    return std::string(text.substr(start, stop - start));
}

}  // namespace nabla::codegen

// fuzz_parse.cpp — libFuzzer: any bytes into parse::parse; a nabla::Error is an answer, anything
// else (a crash, another exception, a sanitizer report, an error position past the end) a finding.
#include "parse_check.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    nabla::fuzz::check_parse(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}

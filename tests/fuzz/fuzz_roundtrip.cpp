// fuzz_roundtrip.cpp — libFuzzer: parse, differentiate, print, parse again; every printed
// expression must re-read as the very same node (see roundtrip_check.hpp).
#include "roundtrip_check.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    nabla::fuzz::check_round_trip(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}

// fuzz_batch.cpp — libFuzzer: any bytes as one line of `nabla batch --jsonl`; every answer must
// be one line of JSON with "id" and "ok" (see batch_check.hpp). Use with batch.dict.
#include "batch_check.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    nabla::fuzz::check_batch_answer(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}

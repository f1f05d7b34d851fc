// fuzz_statement.cpp — libFuzzer: any bytes as a REPL statement (statement_check.hpp).
#include "statement_check.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    nabla::fuzz::check_statement(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}

// fuzz_parse.cpp — libFuzzer: any bytes into parse::parse; a nabla::Error is an answer, anything
// else (a crash, another exception, a sanitizer report, an error position past the end) a finding.
#include "fuzz_common.hpp"

#include "core/error.hpp"
#include "parse/parse.hpp"

#include <cstddef>
#include <cstdint>
#include <exception>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        (void)nabla::parse::parse(text);
    } catch (const nabla::Error& e) {
        // Positions count code points, so none can lie beyond the number of bytes.
        if (e.position() && *e.position() > size)
            nabla::fuzz::finding("error position " + std::to_string(*e.position()) + " past the end: " + e.what(), text);
    } catch (const std::exception& e) {
        nabla::fuzz::finding(std::string("parse threw a non-nabla exception: ") + e.what(), text);
    }
    return 0;
}

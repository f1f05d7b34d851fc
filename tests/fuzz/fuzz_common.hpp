// fuzz_common.hpp — what every harness does with a finding: say what it is, then abort.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace nabla::fuzz {

// Bytes outside printable ASCII are shown as \xNN.
inline std::string printable(std::string_view text, std::size_t limit = 2000) {
    std::string out;
    for (std::size_t i = 0; i < text.size() && i < limit; ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c < 0x7f) {
            out += static_cast<char>(c);
        } else {
            char hex[5];
            std::snprintf(hex, sizeof hex, "\\x%02x", c);
            out += hex;
        }
    }
    if (text.size() > limit) out += "...";
    return out;
}

// What a replay outside libFuzzer (tests/test_fuzz_regressions.cpp) catches instead of an abort.
struct Finding {
    std::string message;
};
inline bool throw_findings = false;

// A finding: prints the message and the input, then aborts, so libFuzzer saves a reproducer
// (or throws a Finding when throw_findings is set). Sanitizer reports, crashes and uncaught
// exceptions are findings by themselves.
[[noreturn]] inline void finding(const std::string& what, std::string_view input) {
    if (throw_findings) throw Finding{printable(what, 20000) + "\n  input: " + printable(input)};
    std::fprintf(stderr, "\n==nabla-fuzz== FINDING: %s\n", printable(what, 20000).c_str());
    std::fprintf(stderr, "==nabla-fuzz== input (%zu bytes): %s\n", input.size(), printable(input).c_str());
    std::abort();
}

}  // namespace nabla::fuzz

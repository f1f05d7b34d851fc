// key.hpp — what a cached library depends on: the source, the compiler, the flags and, for
// -march=native and the like, the processor.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace nabla::jit {

struct CompilerIdentity {
    std::string path;  // the executable found for the first word of the command; empty: none
    std::string text;  // the path, the command and its `--version` output
    bool runs = false; // `--version` succeeded
};

// Found once per command and $PATH, then remembered.
CompilerIdentity compiler_identity(const std::vector<std::string>& command, std::chrono::seconds limit);

// The processor as /proc/cpuinfo describes it (vendor, family, model, flags), read once.
const std::string& cpu_identity();

// SHA-256 over the compiler identity, the full argument list and the source; the processor is
// included when a flag asks for the native one.
std::string library_key(std::string_view source, const CompilerIdentity& compiler, const std::vector<std::string>& args);

}  // namespace nabla::jit

// compile.hpp — compile generated C++ into a shared library, load it, and look up entry points.
#pragma once

#include "core/error.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace nabla::jit {

// The compiler failed. Carries the exact command, its output and the kept source.
class CompileError : public Error {
public:
    CompileError(std::string command, std::string output, std::filesystem::path source);
    const std::string& command() const { return command_; }
    const std::string& compiler_output() const { return output_; }
    const std::filesystem::path& source_path() const { return source_; }

private:
    std::string command_;
    std::string output_;
    std::filesystem::path source_;
};

struct CompileOptions {
    std::string compiler;                // empty: $CXX, else "c++"
    std::vector<std::string> flags = {"-O3", "-march=native", "-fno-math-errno", "-DNABLA_VECTOR_MATH"};
    std::filesystem::path cache_dir;     // empty: $NABLA_CACHE_DIR, $XDG_CACHE_HOME/nabla, ~/.cache/nabla
};

// A loaded shared library; unloaded when the last owner goes away. Move-only.
class Module {
public:
    Module(Module&& other) noexcept;
    Module& operator=(Module&& other) noexcept;
    Module(const Module&) = delete;
    Module& operator=(const Module&) = delete;
    ~Module();

    // The address of an extern "C" symbol; nabla::Error when it is missing.
    void* symbol(const std::string& name) const;

    template <class F>
    F* function(const std::string& name) const {
        return reinterpret_cast<F*>(symbol(name));
    }

    const std::filesystem::path& library_path() const { return path_; }

private:
    friend Module load(const std::filesystem::path& library);
    Module(void* handle, std::filesystem::path path) : handle_(handle), path_(std::move(path)) {}
    void* handle_ = nullptr;
    std::filesystem::path path_;
};

// Compiles `source` (C++17) with `$CXX flags -shared -fPIC` unless the cache already holds a
// library for the same source, compiler and flags (keyed by a hash of all three), and loads it.
// Throws CompileError when the compiler fails, nabla::Error when loading does.
Module compile(std::string_view source, const CompileOptions& options = {});

// Loads an existing shared library.
Module load(const std::filesystem::path& library);

// The default compiler ($CXX or "c++") and whether it can be run at all.
std::string default_compiler();
bool compiler_available(const std::string& compiler = default_compiler());

}  // namespace nabla::jit

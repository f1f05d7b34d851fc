// compile.hpp — compile generated C++ into a shared library, load it, and look up entry points.
#pragma once

#include "core/error.hpp"

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace nabla::jit {

// The compiler failed, or did not finish in time. Carries the exact command, its output and the
// kept source.
class CompileError : public Error {
public:
    CompileError(std::string command, std::string output, std::filesystem::path source);
    CompileError(const std::string& summary, std::string command, std::string output, std::filesystem::path source);
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
    // Empty: $NABLA_CACHE_DIR, else $XDG_CACHE_HOME/nabla, else $HOME/.cache/nabla; with none of
    // these set nothing is cached. It must be a directory of the user's that no one else can write.
    std::filesystem::path cache_dir;
    // The compiler (with every process it started) is killed after this long; zero: no limit.
    std::chrono::seconds time_limit{120};
};

// A loaded shared library; unloaded when the last owner goes away. Move-only.
class Library {
public:
    Library(Library&& other) noexcept;
    Library& operator=(Library&& other) noexcept;
    Library(const Library&) = delete;
    Library& operator=(const Library&) = delete;
    ~Library();

    // The address of an extern "C" symbol; nabla::Error when it is missing.
    void* symbol(const std::string& name) const;

    template <class F>
    F* function(const std::string& name) const {
        return reinterpret_cast<F*>(symbol(name));
    }

    const std::filesystem::path& library_path() const { return path_; }

private:
    friend Library load(const std::filesystem::path& library);
    friend Library load_opened(int fd, const std::filesystem::path& library);
    Library(void* handle, std::filesystem::path path) : handle_(handle), path_(std::move(path)) {}
    void* handle_ = nullptr;
    std::filesystem::path path_;
};

// Compiles `source` (C++17) with `$CXX flags -shared -fPIC` unless the cache already holds an
// intact library under the same key (cache_key), and loads it. Throws CompileError when the
// compiler fails or runs past options.time_limit, nabla::Error when the cache directory is not
// private or loading fails, nabla::Cancelled (after killing the compiler) on core::request_cancel.
Library compile(std::string_view source, const CompileOptions& options = {});

// The name compile() stores the library under: a SHA-256 of the source, the compiler (its path
// and `--version` output), the flags and, when a flag says "=native", the processor.
std::string cache_key(std::string_view source, const CompileOptions& options = {});

// Loads an existing shared library.
Library load(const std::filesystem::path& library);

// The default compiler ($CXX or "c++") and whether it can be run at all.
std::string default_compiler();
bool compiler_available(const std::string& compiler = default_compiler());

}  // namespace nabla::jit

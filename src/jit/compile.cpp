// compile.cpp — source to shared library through the system compiler, kept in the cache, loaded.
#include "jit/compile.hpp"

#include "jit/cache.hpp"
#include "jit/files.hpp"
#include "jit/key.hpp"
#include "jit/process.hpp"

#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cstdlib>
#include <optional>
#include <sstream>

namespace nabla::jit {

namespace fs = std::filesystem;

CompileError::CompileError(std::string command, std::string output, fs::path source)
    : CompileError("the C++ compiler failed", std::move(command), std::move(output), std::move(source)) {}

CompileError::CompileError(const std::string& summary, std::string command, std::string output, fs::path source)
    : Error(summary + ": " + command + "\n" + output + "(source kept in " + source.string() + ")"),
      command_(std::move(command)), output_(std::move(output)), source_(std::move(source)) {}

namespace {

std::vector<std::string> split_words(const std::string& s) {
    std::istringstream in(s);
    std::vector<std::string> words;
    for (std::string w; in >> w;) words.push_back(w);
    return words;
}

std::string quoted(const std::vector<std::string>& argv) {
    std::string out;
    for (const std::string& a : argv) {
        if (!out.empty()) out += ' ';
        if (a.find_first_of(" \t\"'\\$") == std::string::npos) {
            out += a;
        } else {
            out += '\'';
            for (char c : a) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
            out += '\'';
        }
    }
    return out;
}

// The compiler command up to its input and output file names: what the key covers.
struct Command {
    std::vector<std::string> argv;
    CompilerIdentity compiler;
};

Command command_for(const CompileOptions& o) {
    Command c;
    c.argv = split_words(o.compiler.empty() ? default_compiler() : o.compiler);
    if (c.argv.empty()) throw Error("no C++ compiler given");
    c.compiler = compiler_identity(c.argv, o.time_limit);
    c.argv.push_back("-std=c++17");
    c.argv.insert(c.argv.end(), o.flags.begin(), o.flags.end());
    c.argv.insert(c.argv.end(), {"-shared", "-fPIC", "-x", "c++"});
    return c;
}

}  // namespace

std::string default_compiler() {
    const char* cxx = std::getenv("CXX");
    return cxx && *cxx ? cxx : "c++";
}

bool compiler_available(const std::string& compiler) {
    const std::vector<std::string> words = split_words(compiler);
    return !words.empty() && compiler_identity(words, CompileOptions{}.time_limit).runs;
}

Library::Library(Library&& other) noexcept : handle_(other.handle_), path_(std::move(other.path_)) {
    other.handle_ = nullptr;
}

Library& Library::operator=(Library&& other) noexcept {
    if (this != &other) {
        if (handle_) ::dlclose(handle_);
        handle_ = other.handle_;
        path_ = std::move(other.path_);
        other.handle_ = nullptr;
    }
    return *this;
}

Library::~Library() {
    if (handle_) ::dlclose(handle_);
}

void* Library::symbol(const std::string& name) const {
    void* p = ::dlsym(handle_, name.c_str());
    if (!p) throw Error("no symbol '" + name + "' in " + path_.string());
    return p;
}

Library load(const fs::path& library) {
    void* handle = ::dlopen(library.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char* why = ::dlerror();
        throw Error("cannot load " + library.string() + ": " + (why ? why : "unknown error"));
    }
    return Library(handle, library);
}

// Loads the very file that was checked, through its descriptor, so that nothing can be swapped
// in between; by name only when the descriptor's name is taken (the loader matches names before
// files, and descriptor numbers are reused) or /proc is missing.
Library load_opened(int fd, const fs::path& library) {
    const std::string via = "/proc/self/fd/" + std::to_string(fd);
    const char* name = library.c_str();
    if (::access(via.c_str(), F_OK) == 0) {
        if (void* taken = ::dlopen(via.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NOLOAD))
            ::dlclose(taken);
        else
            name = via.c_str();
    }
    void* handle = ::dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char* why = ::dlerror();
        throw Error("cannot load " + library.string() + ": " + (why ? why : "unknown error"));
    }
    return Library(handle, library);
}

std::string cache_key(std::string_view source, const CompileOptions& options) {
    const Command c = command_for(options);
    return library_key(source, c.compiler, c.argv);
}

Library compile(std::string_view source, const CompileOptions& options) {
    const Command command = command_for(options);
    const std::string key = library_key(source, command.compiler, command.argv);
    const std::optional<CacheLocation> where = cache_location(options.cache_dir);
    const Fd cache = where ? open_cache(*where) : Fd();
    if (cache)
        if (const Fd found = find_library(cache.get(), key)) return load_opened(found.get(), where->path / (key + ".so"));

    // The compiler runs in a fresh private directory, by names relative to it: no path outside it
    // is looked up again. Without a cache that directory is all there is.
    std::error_code no_tmp;
    const fs::path tmp = cache ? fs::path() : fs::temp_directory_path(no_tmp);
    if (no_tmp) throw Error("no temporary directory to compile in: " + no_tmp.message());
    WorkDir work(cache ? where->path : tmp);
    const std::string src = key + ".cpp";
    replace_file(work.fd(), src, source, work.path() / src);
    const Fd log = create_new(work.fd(), "compile.log", work.path() / "compile.log");
    std::vector<std::string> argv = command.argv;
    argv.insert(argv.end(), {src, "-o", "lib.so"});

    std::optional<int> status = 127;
    std::string output = command.compiler.path.empty() ? "could not run '" + argv[0] + "': not found\n" : "";
    if (!command.compiler.path.empty()) {
        std::vector<std::string> exec = argv;
        exec[0] = command.compiler.path;
        status = run(exec, log.get(), options.time_limit, work.fd());
        output = read_all(log.get(), work.path() / "compile.log");
    }
    if (!status || *status != 0) {
        fs::path kept = work.path() / src;
        if (cache && ::renameat(work.fd(), src.c_str(), cache.get(), src.c_str()) == 0)
            kept = where->path / src;
        else
            work.keep();
        if (!status)
            throw CompileError("the C++ compiler did not finish within " + std::to_string(options.time_limit.count()) +
                                   " s and was stopped",
                               quoted(argv), output, kept);
        if (output.empty()) output = "could not run '" + argv[0] + "'\n";
        throw CompileError(quoted(argv), output, kept);
    }
    const Fd built = open_own_file(work.fd(), "lib.so");
    if (!built) throw Error("the C++ compiler wrote no library: " + quoted(argv));
    if (!cache) return load_opened(built.get(), work.path() / "lib.so");  // the directory goes after loading
    store_library(cache.get(), where->path, key, work.fd(), "lib.so", read_all(built.get(), work.path() / "lib.so"));
    ::unlinkat(cache.get(), src.c_str(), 0);  // kept by an earlier failure
    return load_opened(built.get(), where->path / (key + ".so"));
}

}  // namespace nabla::jit

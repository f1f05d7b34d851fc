// compile.cpp — source to shared library through the system compiler, cached by content hash.
#include "jit/compile.hpp"

#include <dlfcn.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>

extern char** environ;

namespace nabla::jit {

namespace fs = std::filesystem;

CompileError::CompileError(std::string command, std::string output, fs::path source)
    : Error("the C++ compiler failed: " + command + "\n" + output + "(source kept in " + source.string() + ")"),
      command_(std::move(command)), output_(std::move(output)), source_(std::move(source)) {}

namespace {

std::uint64_t fnv1a(std::string_view text, std::uint64_t h = 0xcbf29ce484222325ull) {
    for (unsigned char c : text) {
        h ^= c;
        h *= 0x100000001b3ull;
    }
    return h;
}

std::string hex(std::uint64_t v) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string s(16, '0');
    for (int i = 15; i >= 0; --i, v >>= 4) s[static_cast<std::size_t>(i)] = digits[v & 15];
    return s;
}

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? v : "";
}

fs::path cache_directory(const CompileOptions& o) {
    if (!o.cache_dir.empty()) return o.cache_dir;
    if (std::string d = env("NABLA_CACHE_DIR"); !d.empty()) return d;
    if (std::string d = env("XDG_CACHE_HOME"); !d.empty()) return fs::path(d) / "nabla";
    if (std::string d = env("HOME"); !d.empty()) return fs::path(d) / ".cache" / "nabla";
    return fs::temp_directory_path() / "nabla-cache";
}

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

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Writes through a temporary name and renames, so a concurrent reader never sees half a file.
void write_file(const fs::path& path, std::string_view text) {
    const fs::path tmp = path.string() + ".tmp" + std::to_string(::getpid());
    {
        std::ofstream out(tmp, std::ios::binary);
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        if (!out) throw Error("cannot write " + tmp.string());
    }
    fs::rename(tmp, path);
}

// Runs argv with stdout and stderr into `log`; returns the exit status (-1 if it did not run).
int run(const std::vector<std::string>& argv, const fs::path& log) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = 0;
    const int spawned = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) return -1;
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) return -1;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

std::string default_compiler() {
    std::string cxx = env("CXX");
    return cxx.empty() ? "c++" : cxx;
}

bool compiler_available(const std::string& compiler) {
    std::vector<std::string> argv = split_words(compiler);
    if (argv.empty()) return false;
    argv.push_back("--version");
    return run(argv, "/dev/null") == 0;
}

Module::Module(Module&& other) noexcept : handle_(other.handle_), path_(std::move(other.path_)) {
    other.handle_ = nullptr;
}

Module& Module::operator=(Module&& other) noexcept {
    if (this != &other) {
        if (handle_) ::dlclose(handle_);
        handle_ = other.handle_;
        path_ = std::move(other.path_);
        other.handle_ = nullptr;
    }
    return *this;
}

Module::~Module() {
    if (handle_) ::dlclose(handle_);
}

void* Module::symbol(const std::string& name) const {
    void* p = ::dlsym(handle_, name.c_str());
    if (!p) throw Error("no symbol '" + name + "' in " + path_.string());
    return p;
}

Module load(const fs::path& library) {
    void* handle = ::dlopen(library.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char* why = ::dlerror();
        throw Error("cannot load " + library.string() + ": " + (why ? why : "unknown error"));
    }
    return Module(handle, library);
}

Module compile(std::string_view source, const CompileOptions& options) {
    const std::string compiler = options.compiler.empty() ? default_compiler() : options.compiler;
    std::vector<std::string> argv = split_words(compiler);
    if (argv.empty()) throw Error("no C++ compiler given");
    argv.push_back("-std=c++17");
    argv.insert(argv.end(), options.flags.begin(), options.flags.end());

    std::uint64_t h = fnv1a(compiler);
    for (const std::string& f : options.flags) h = fnv1a(f, fnv1a(std::string_view("\0", 1), h));
    h = fnv1a(source, fnv1a(std::string_view("\0", 1), h));
    const fs::path dir = cache_directory(options);
    fs::create_directories(dir);
    const std::string key = hex(h);
    const fs::path src = dir / (key + ".cpp");
    const fs::path lib = dir / (key + ".so");

    const bool same_source = fs::exists(src) && read_file(src) == source;
    if (same_source && fs::exists(lib)) return load(lib);
    if (!same_source) write_file(src, source);

    const fs::path tmp = lib.string() + ".tmp" + std::to_string(::getpid());
    const fs::path log = dir / (key + ".log");
    argv.insert(argv.end(), {"-shared", "-fPIC", "-x", "c++", src.string(), "-o", tmp.string()});
    const int status = run(argv, log);
    std::string output = read_file(log);
    fs::remove(log);
    if (status != 0) {
        fs::remove(tmp);
        if (status == -1 && output.empty()) output = "could not run '" + argv[0] + "'\n";
        throw CompileError(quoted(argv), output, src);
    }
    fs::rename(tmp, lib);
    return load(lib);
}

}  // namespace nabla::jit

// test_jit_cache.cpp — the compile cache's safety: a private directory, entries checked before
// they are loaded, no symlink written through, no shared folder, a compiler that cannot outlive
// its time limit, a cancel or nabla itself.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>

#include "core/expr.hpp"
#include "jit/cache.hpp"
#include "jit/compile.hpp"
#include "jit/files.hpp"
#include "jit/key.hpp"
#include "jit/sha256.hpp"
#include "test_codegen_support.hpp"

namespace {

using namespace nabla;
namespace fs = std::filesystem;

const bool no_compiler = !nabla::testing::have_compiler();

const std::string twice_source = "extern \"C\" double twice(double x) { return 2 * x; }\n";

// A fresh private directory, removed afterwards.
struct Scratch {
    fs::path path;
    Scratch() {
        std::string pattern = (fs::temp_directory_path() / "nabla-jit-cache-test-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path = pattern;
    }
    ~Scratch() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
};

// Sets (or, with nullptr, unsets) an environment variable until it goes away.
class EnvVar {
public:
    EnvVar(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        value ? ::setenv(name, value, 1) : ::unsetenv(name);
    }
    ~EnvVar() { old_ ? ::setenv(name_, old_->c_str(), 1) : ::unsetenv(name_); }

private:
    const char* name_;
    std::optional<std::string> old_;
};

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void spit(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

unsigned mode_of(const fs::path& path) {
    struct stat st {};
    REQUIRE(::lstat(path.c_str(), &st) == 0);
    return st.st_mode & 07777;
}

std::string error_of(const std::string& source, const jit::CompileOptions& options) {
    try {
        jit::compile(source, options);
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

jit::CompileOptions in_dir(const fs::path& dir) {
    jit::CompileOptions o = nabla::testing::quick_options();
    o.cache_dir = dir;
    return o;
}

// A compiler that answers --version and otherwise never finishes; its child `sleep` (a process
// of the compiler's own, as cc1plus is gcc's) writes its pid to `pid_file`.
fs::path hanging_compiler(const fs::path& dir, const fs::path& pid_file) {
    const fs::path script = dir / "hanging-cc";
    spit(script, "#!/bin/sh\nif [ \"$1\" = --version ]; then echo hanging-cc 1.0; exit 0; fi\n"
                 "sleep 30 &\necho $! > '" + pid_file.string() + "'\nwait\n");
    fs::permissions(script, fs::perms::owner_all);
    return script;
}

pid_t wait_for_pid(const fs::path& pid_file) {
    for (int i = 0; i < 500; ++i) {
        pid_t pid = 0;
        if (std::ifstream(pid_file) >> pid && pid > 0) return pid;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return 0;
}

// Whether the process has gone (or is a zombie waiting to be reaped), within a few seconds.
bool gone(pid_t pid) {
    for (int i = 0; i < 500; ++i) {
        std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
        std::string stat;
        if (!std::getline(in, stat)) return ::kill(pid, 0) != 0;
        const std::size_t end = stat.rfind(')');
        if (end != std::string::npos && end + 2 < stat.size() && stat[end + 2] == 'Z') return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

}  // namespace

TEST_SUITE("jit") {
    TEST_CASE("jit cache: SHA-256 of the standard test vectors") {
        CHECK(jit::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        CHECK(jit::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        CHECK(jit::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
        CHECK(jit::sha256_hex(std::string(1000000, 'a')) ==
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
        CHECK(jit::Sha256().update("a").update("bc").hex() == jit::sha256_hex("abc"));
    }

    TEST_CASE("jit cache: the directory and missing parents are created 0700") {
        Scratch s;
        const fs::path dir = s.path / "home" / ".cache" / "nabla";
        const jit::Fd fd = jit::open_cache({dir, true});
        CHECK(fd);
        CHECK(mode_of(dir) == 0700);
        CHECK(mode_of(dir.parent_path()) == 0700);
        CHECK(mode_of(dir.parent_path().parent_path()) == 0700);
        CHECK(jit::open_cache({dir, true}));  // and accepted when it is there
        fs::permissions(dir, fs::perms::owner_all | fs::perms::group_read | fs::perms::others_read);
        CHECK(jit::open_cache({dir, true}));  // readable is not writable
    }

    TEST_CASE("jit cache: a directory others can write, a symlink or a file is refused, saying why") {
        Scratch s;
        const fs::path open = s.path / "open";
        fs::create_directory(open);
        fs::permissions(open, fs::perms::all);
        std::string why = error_of(twice_source, in_dir(open));
        CHECK(why.find(open.string()) != std::string::npos);
        CHECK(why.find("is writable by other users (mode 0777)") != std::string::npos);
        CHECK(why.find("chmod 700") != std::string::npos);

        fs::permissions(open, fs::perms::owner_all | fs::perms::group_all);
        CHECK(error_of(twice_source, in_dir(open)).find("is writable by its group (mode 0770)") != std::string::npos);

        const fs::path mine = s.path / "mine", link = s.path / "link";
        fs::create_directory(mine);
        fs::create_directory_symlink(mine, link);
        why = error_of(twice_source, in_dir(link));
        CHECK(why.find(link.string() + " is a symbolic link") != std::string::npos);
        CHECK(why.find("NABLA_CACHE_DIR") != std::string::npos);

        spit(s.path / "file", "x");
        CHECK(error_of(twice_source, in_dir(s.path / "file")).find("is not a directory") != std::string::npos);

        // The same checks for a default location, and through $NABLA_CACHE_DIR.
        const EnvVar no_dir("NABLA_CACHE_DIR", nullptr), no_xdg("XDG_CACHE_HOME", open.c_str());
        jit::CompileOptions defaults = in_dir("");
        CHECK(error_of(twice_source, defaults).find((open / "nabla").string() + " is writable") == std::string::npos);
        fs::permissions(open / "nabla", fs::perms::all);
        CHECK(error_of(twice_source, defaults).find((open / "nabla").string() + " is writable") != std::string::npos);
        const EnvVar dir("NABLA_CACHE_DIR", link.c_str());
        CHECK(error_of(twice_source, defaults).find(link.string() + " is a symbolic link") != std::string::npos);
    }

    TEST_CASE("jit cache: what makes a directory unsafe") {
        struct stat st {};
        st.st_uid = 1000;
        st.st_mode = S_IFDIR | 0700;
        CHECK(jit::private_dir_problem(st, 1000).empty());
        st.st_mode = S_IFDIR | 0755;
        CHECK(jit::private_dir_problem(st, 1000).empty());
        CHECK(jit::private_dir_problem(st, 1001) == "is owned by another user (uid 1000)");
        st.st_mode = S_IFDIR | 01777;
        CHECK(jit::private_dir_problem(st, 1000) == "is writable by other users (mode 1777)");
        st.st_mode = S_IFDIR | 0720;
        CHECK(jit::private_dir_problem(st, 1000) == "is writable by its group (mode 0720)");
        st.st_mode = S_IFLNK | 0777;
        CHECK(jit::private_dir_problem(st, 1000) == "is a symbolic link");
        st.st_mode = S_IFREG | 0600;
        CHECK(jit::private_dir_problem(st, 1000) == "is not a directory");
    }

    TEST_CASE("jit cache: files are never written through a planted symlink") {
        Scratch s;
        const fs::path victim = s.path / "victim";
        spit(victim, "precious");
        const jit::Fd dir(::open(s.path.c_str(), O_RDONLY | O_DIRECTORY));
        fs::create_symlink(victim, s.path / "log");
        CHECK_THROWS_AS(jit::create_new(dir.get(), "log", s.path / "log"), Error);
        fs::create_symlink(victim, s.path / "source.cpp");
        jit::replace_file(dir.get(), "source.cpp", "int x;\n", s.path / "source.cpp");
        CHECK(!fs::is_symlink(s.path / "source.cpp"));
        CHECK(slurp(s.path / "source.cpp") == "int x;\n");
        CHECK(!jit::open_own_file(dir.get(), "log"));  // a link is not opened either
        CHECK(slurp(victim) == "precious");
    }

    TEST_CASE("jit cache: links planted at an entry's names are replaced, not followed" * doctest::skip(no_compiler)) {
        Scratch s;
        const fs::path cache = s.path / "cache", victim = s.path / "victim";
        const jit::CompileOptions o = in_dir(cache);
        const std::string key = jit::cache_key(twice_source, o);
        spit(victim, "precious");
        CHECK(jit::open_cache({cache, true}));
        for (const char* ext : {".cpp", ".so", ".meta"}) fs::create_symlink(victim, cache / (key + ext));
        const jit::Library lib = jit::compile(twice_source, o);
        CHECK(lib.function<double(double)>("twice")(4) == 8);
        CHECK(lib.library_path() == cache / (key + ".so"));
        for (const char* ext : {".so", ".meta"}) CHECK(fs::is_regular_file(fs::symlink_status(cache / (key + ext))));
        CHECK(!fs::exists(fs::symlink_status(cache / (key + ".cpp"))));  // a source is kept only on failure
        CHECK(slurp(victim) == "precious");
    }

    TEST_CASE("jit cache: an entry is used only while its size and SHA-256 match") {
        Scratch s;
        const jit::Fd cache = jit::open_cache({s.path / "cache", true});
        const jit::Fd work(::open(s.path.c_str(), O_RDONLY | O_DIRECTORY));
        const std::string bytes = "not really a library, but bytes to check";
        spit(s.path / "built", bytes);
        jit::store_library(cache.get(), s.path / "cache", "k", work.get(), "built", bytes);
        CHECK(!fs::exists(s.path / "built"));
        const jit::Fd found = jit::find_library(cache.get(), "k");
        REQUIRE(found);
        CHECK(jit::read_all(found.get(), "k.so") == bytes);
        std::string changed = bytes;
        changed[5] ^= 1;
        spit(s.path / "cache" / "k.so", changed);
        CHECK(!jit::find_library(cache.get(), "k"));
        spit(s.path / "cache" / "k.so", bytes.substr(0, 10));
        CHECK(!jit::find_library(cache.get(), "k"));
        spit(s.path / "cache" / "k.so", bytes);
        CHECK(jit::find_library(cache.get(), "k"));
        fs::remove(s.path / "cache" / "k.meta");
        CHECK(!jit::find_library(cache.get(), "k"));
    }

    TEST_CASE("jit cache: a corrupted or truncated library is compiled again, not loaded" * doctest::skip(no_compiler)) {
        Scratch s;
        const jit::CompileOptions o = in_dir(s.path / "cache");
        fs::path path;
        {
            const jit::Library lib = jit::compile(twice_source, o);
            path = lib.library_path();
        }
        const std::string good = slurp(path);
        REQUIRE(good.size() > 1000);
        std::string flipped = good;
        flipped[flipped.size() / 2] ^= 0x40;
        for (const std::string& bad : {flipped, good.substr(0, good.size() / 2)}) {
            // A new file, not a write into the one that may still be mapped.
            spit(s.path / "bad", bad);
            fs::rename(s.path / "bad", path);
            const jit::Library lib = jit::compile(twice_source, o);
            CHECK(lib.function<double(double)>("twice")(21) == 42);
            const std::string now = slurp(path);
            CHECK(now != bad);
            std::istringstream record(slurp(path.parent_path() / (path.stem().string() + ".meta")));
            std::size_t size = 0;
            std::string hash;
            record >> size >> hash;
            CHECK(size == now.size());
            CHECK(hash == jit::sha256_hex(now));
        }
    }

    TEST_CASE("jit cache: with no HOME, XDG_CACHE_HOME or NABLA_CACHE_DIR nothing is kept") {
        const EnvVar home("HOME", nullptr), xdg("XDG_CACHE_HOME", nullptr), dir("NABLA_CACHE_DIR", nullptr);
        CHECK(!jit::cache_location(""));
        CHECK(jit::cache_location("/somewhere")->chosen);
        if (no_compiler) return;
        const fs::path shared = fs::temp_directory_path() / "nabla-cache";
        const bool was_there = fs::exists(shared);
        jit::CompileOptions o = nabla::testing::quick_options();
        o.cache_dir.clear();
        const jit::Library lib = jit::compile(twice_source, o);
        CHECK(lib.function<double(double)>("twice")(1.5) == 3);
        CHECK(lib.library_path().parent_path().parent_path() == fs::temp_directory_path());
        CHECK(!fs::exists(lib.library_path().parent_path()));  // its private directory is gone
        if (!was_there) CHECK(!fs::exists(shared));
        const jit::Library again = jit::compile(twice_source, o);
        CHECK(again.library_path() != lib.library_path());
        CHECK(again.function<double(double)>("twice")(2) == 4);
    }

    TEST_CASE("jit cache: a compiler that does not finish is killed at the time limit") {
        Scratch s;
        jit::CompileOptions o = in_dir(s.path / "cache");
        o.compiler = hanging_compiler(s.path, s.path / "pid").string();
        o.time_limit = std::chrono::seconds(1);
        try {
            jit::compile(twice_source, o);
            FAIL("a hanging compiler finished");
        } catch (const jit::CompileError& e) {
            CHECK(std::string(e.what()).find("the C++ compiler did not finish within 1 s") == 0);
            CHECK(slurp(e.source_path()) == twice_source);
        }
        const pid_t sleeper = wait_for_pid(s.path / "pid");
        REQUIRE(sleeper > 0);
        CHECK(gone(sleeper));
    }

    TEST_CASE("jit cache: a cancel request kills the compiler") {
        Scratch s;
        jit::CompileOptions o = in_dir(s.path / "cache");
        o.compiler = hanging_compiler(s.path, s.path / "pid").string();
        std::thread canceller([&] {
            wait_for_pid(s.path / "pid");
            core::request_cancel();
        });
        CHECK_THROWS_AS(jit::compile(twice_source, o), Cancelled);
        canceller.join();
        core::clear_cancel();
        const pid_t sleeper = wait_for_pid(s.path / "pid");
        REQUIRE(sleeper > 0);
        CHECK(gone(sleeper));
    }

    TEST_CASE("jit cache: the compiler dies with nabla") {
        Scratch s;
        jit::CompileOptions o = in_dir(s.path / "cache");
        o.compiler = hanging_compiler(s.path, s.path / "pid").string();
        const pid_t child = ::fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            try {
                jit::compile(twice_source, o);
            } catch (...) {
            }
            ::_exit(0);
        }
        const pid_t sleeper = wait_for_pid(s.path / "pid");
        ::kill(child, SIGKILL);
        int status = 0;
        ::waitpid(child, &status, 0);
        REQUIRE(sleeper > 0);
        CHECK(gone(sleeper));
    }

    TEST_CASE("jit cache: the key follows the source, the compiler, the flags and the processor") {
        Scratch s;
        jit::CompileOptions o = in_dir(s.path);
        const std::string key = jit::cache_key(twice_source, o);
        CHECK(key.size() == 64);
        CHECK(key == jit::cache_key(twice_source, o));
        CHECK(key != jit::cache_key(twice_source + " ", o));
        jit::CompileOptions more = o;
        more.flags.push_back("-DX");
        CHECK(key != jit::cache_key(twice_source, more));
        more.flags = {"-O1 -fno-math-errno"};  // not the same as two flags
        CHECK(key != jit::cache_key(twice_source, more));
        jit::CompileOptions other = o;
        other.compiler = hanging_compiler(s.path, s.path / "pid").string();
        CHECK(key != jit::cache_key(twice_source, other));
        if (fs::exists("/proc/cpuinfo")) CHECK(jit::cpu_identity().find("\n") != std::string::npos);
    }
}

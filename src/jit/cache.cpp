// cache.cpp — the cache directory's location and checks, and verified entries in it.
#include "jit/cache.hpp"

#include "core/error.hpp"
#include "jit/sha256.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>

namespace nabla::jit {

namespace fs = std::filesystem;

namespace {

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? v : "";
}

[[noreturn]] void refuse(const fs::path& dir, const std::string& problem) {
    const bool writable = problem.find("writable") != std::string::npos;
    throw Error("the compile cache " + dir.string() + " " + problem + "; " +
                (writable ? "run chmod 700 on it" : "remove it") + ", or set NABLA_CACHE_DIR to another directory");
}

// Opens `dir` without following a symlink at its last component, and checks it is private.
Fd open_private_dir(const fs::path& dir) {
    struct stat st {};
    if (::lstat(dir.c_str(), &st) != 0) refuse(dir, std::string("cannot be examined: ") + std::strerror(errno));
    if (std::string problem = private_dir_problem(st, ::geteuid()); !problem.empty()) refuse(dir, problem);
    // Check again what was opened: the name may have been replaced since lstat.
    Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!fd || ::fstat(fd.get(), &st) != 0) refuse(dir, std::string("cannot be opened: ") + std::strerror(errno));
    if (std::string problem = private_dir_problem(st, ::geteuid()); !problem.empty()) refuse(dir, problem);
    return fd;
}

}  // namespace

std::optional<CacheLocation> cache_location(const fs::path& option) {
    if (!option.empty()) return CacheLocation{option, true};
    if (std::string d = env("NABLA_CACHE_DIR"); !d.empty()) return CacheLocation{d, true};
    if (std::string d = env("XDG_CACHE_HOME"); !d.empty()) return CacheLocation{fs::path(d) / "nabla", false};
    if (std::string d = env("HOME"); !d.empty()) return CacheLocation{fs::path(d) / ".cache" / "nabla", false};
    return std::nullopt;
}

std::string private_dir_problem(const struct stat& st, uid_t uid) {
    if (S_ISLNK(st.st_mode)) return "is a symbolic link";
    if (!S_ISDIR(st.st_mode)) return "is not a directory";
    if (st.st_uid != uid) return "is owned by another user (uid " + std::to_string(st.st_uid) + ")";
    if (st.st_mode & (S_IWGRP | S_IWOTH)) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
        return std::string("is writable by ") + ((st.st_mode & S_IWOTH) ? "other users" : "its group") +
               " (mode " + mode + ")";
    }
    return "";
}

Fd open_cache(const CacheLocation& where) {
    const fs::path& dir = where.path;
    fs::path prefix;
    for (const fs::path& part : dir) {
        if (part.empty()) continue;  // a trailing separator
        prefix /= part;
        if (::mkdir(prefix.c_str(), 0700) != 0 && errno != EEXIST) {
            if (!where.chosen) return Fd();  // e.g. HOME=/nonexistent: compile without a cache
            throw Error("cannot create the compile cache " + dir.string() + " (" + prefix.string() + ": " +
                        std::strerror(errno) + "); set NABLA_CACHE_DIR to a directory of yours");
        }
    }
    return open_private_dir(dir);
}

Fd find_library(int cache, const std::string& key) {
    const Fd record = open_own_file(cache, key + ".meta");
    if (!record) return Fd();
    std::istringstream in(read_all(record.get(), key + ".meta"));
    std::size_t size = 0;
    std::string hash;
    if (!(in >> size >> hash)) return Fd();
    Fd library = open_own_file(cache, key + ".so");
    struct stat st {};
    if (!library || ::fstat(library.get(), &st) != 0 || static_cast<std::size_t>(st.st_size) != size) return Fd();
    const std::string bytes = read_all(library.get(), key + ".so");
    if (bytes.size() != size || sha256_hex(bytes) != hash) return Fd();
    return library;
}

void store_library(int cache, const fs::path& cache_path, const std::string& key, int from, const std::string& file,
                   std::string_view bytes) {
    const std::string name = key + ".so";
    replace_file(cache, key + ".meta", std::to_string(bytes.size()) + " " + sha256_hex(bytes) + "\n",
                 cache_path / (key + ".meta"));
    if (::renameat(from, file.c_str(), cache, name.c_str()) != 0)
        throw Error("cannot store " + (cache_path / name).string() + ": " + std::strerror(errno));
}

WorkDir::WorkDir(const fs::path& parent) {
    std::string pattern = (parent / "nabla-XXXXXX").string();
    if (!::mkdtemp(pattern.data()))
        throw Error("cannot create a directory in " + parent.string() + ": " + std::strerror(errno));
    path_ = pattern;
    try {
        fd_ = open_private_dir(path_);
    } catch (...) {
        ::rmdir(path_.c_str());
        throw;
    }
}

WorkDir::~WorkDir() {
    std::error_code ignored;
    if (!keep_) fs::remove_all(path_, ignored);  // removes links themselves, never their targets
}

}  // namespace nabla::jit

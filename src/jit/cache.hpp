// cache.hpp — where compiled libraries are kept between runs, and the checks that make that safe:
// the directory is ours alone, and a library is used only if it is the one we stored.
#pragma once

#include "jit/files.hpp"

#include <sys/stat.h>
#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace nabla::jit {

struct CacheLocation {
    std::filesystem::path path;
    bool chosen = false;  // named by the caller or $NABLA_CACHE_DIR, not a default
};

// The option when given, else $NABLA_CACHE_DIR, $XDG_CACHE_HOME/nabla, $HOME/.cache/nabla;
// nothing when none of these is set (there is then no safe place for a shared cache).
std::optional<CacheLocation> cache_location(const std::filesystem::path& option);

// What makes a directory with this status unsafe for user `uid` ("is a symbolic link", "is
// owned by another user", ...); empty when it is a directory of uid's that no one else can write.
std::string private_dir_problem(const struct stat& st, uid_t uid);

// Opens the cache directory, creating it (and missing parents) with mode 0700. nabla::Error,
// naming the path and what is wrong, when it is not private (private_dir_problem). An empty Fd
// when a default location cannot be created: then nothing is cached.
Fd open_cache(const CacheLocation& where);

// The library stored under `key` if it is intact: a regular file of ours with the size and
// SHA-256 recorded beside it when it was stored. An empty Fd otherwise (missing, truncated,
// changed), and the caller compiles it again.
Fd find_library(int cache, const std::string& key);

// Moves `file` (in directory `from`, on the cache's file system) into the cache under `key`,
// with its record (size and SHA-256 of `bytes`, the file's content) written first.
void store_library(int cache, const std::filesystem::path& cache_path, const std::string& key, int from,
                   const std::string& file, std::string_view bytes);

// A fresh directory, mode 0700 with a random name, for one compile; removed with all it holds
// when this goes away, unless kept.
class WorkDir {
public:
    explicit WorkDir(const std::filesystem::path& parent);
    WorkDir(const WorkDir&) = delete;
    WorkDir& operator=(const WorkDir&) = delete;
    ~WorkDir();

    const std::filesystem::path& path() const { return path_; }
    int fd() const { return fd_.get(); }
    void keep() { keep_ = true; }

private:
    std::filesystem::path path_;
    Fd fd_;
    bool keep_ = false;
};

}  // namespace nabla::jit

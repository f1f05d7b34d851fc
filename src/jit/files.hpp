// files.hpp — file descriptors and the few file operations the compile cache needs. Names are
// relative to an open directory and no operation follows a symlink, so a link planted at a name
// can neither redirect a write nor be loaded.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>

namespace nabla::jit {

class Fd {
public:
    Fd() = default;
    explicit Fd(int fd) : fd_(fd) {}
    Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    Fd& operator=(Fd&& other) noexcept;
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd();

    int get() const { return fd_; }
    explicit operator bool() const { return fd_ >= 0; }

private:
    int fd_ = -1;
};

// The whole file, from its start. `shown` names it in the nabla::Error a read error gives.
std::string read_all(int fd, const std::filesystem::path& shown);

// Creates `name` in `dir` for reading and writing, mode 0600; nabla::Error if anything, a
// symlink included, is there already.
Fd create_new(int dir, const std::string& name, const std::filesystem::path& shown);

// Opens `name` in `dir` for reading if it is a regular file owned by us; an empty Fd otherwise
// (missing, a symlink, someone else's).
Fd open_own_file(int dir, const std::string& name);

// Writes `bytes` under a fresh temporary name in `dir` and renames it to `name`: a reader sees
// the old file or the whole new one, and a symlink at `name` is replaced, its target untouched.
void replace_file(int dir, const std::string& name, std::string_view bytes, const std::filesystem::path& shown);

// A name no other process or call is using: `prefix` with random letters after it.
std::string unique_name(const std::string& prefix);

}  // namespace nabla::jit

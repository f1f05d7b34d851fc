// files.cpp — reading and writing relative to a directory descriptor, never through a symlink.
#include "jit/files.hpp"

#include "core/error.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>

namespace nabla::jit {

namespace fs = std::filesystem;

Fd& Fd::operator=(Fd&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
}

Fd::~Fd() {
    if (fd_ >= 0) ::close(fd_);
}

namespace {

[[noreturn]] void fail(const std::string& what, const fs::path& shown) {
    throw Error("cannot " + what + " " + shown.string() + ": " + std::strerror(errno));
}

void write_all(int fd, std::string_view bytes, const fs::path& shown) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) fail("write", shown);
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
}

}  // namespace

std::string read_all(int fd, const fs::path& shown) {
    std::string out;
    char buffer[1 << 16];
    for (off_t at = 0;;) {
        const ssize_t n = ::pread(fd, buffer, sizeof buffer, at);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail("read", shown);
        if (n == 0) return out;
        out.append(buffer, static_cast<std::size_t>(n));
        at += n;
    }
}

Fd create_new(int dir, const std::string& name, const fs::path& shown) {
    Fd fd(::openat(dir, name.c_str(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (!fd) fail("create", shown);
    return fd;
}

Fd open_own_file(int dir, const std::string& name) {
    Fd fd(::openat(dir, name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK));
    struct stat st {};
    if (!fd || ::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != ::geteuid()) return Fd();
    return fd;
}

void replace_file(int dir, const std::string& name, std::string_view bytes, const fs::path& shown) {
    const std::string tmp = unique_name("." + name + ".");
    {
        const Fd fd = create_new(dir, tmp, shown);
        write_all(fd.get(), bytes, shown);
    }
    if (::renameat(dir, tmp.c_str(), dir, name.c_str()) != 0) {
        const int why = errno;
        ::unlinkat(dir, tmp.c_str(), 0);
        errno = why;
        fail("write", shown);
    }
}

std::string unique_name(const std::string& prefix) {
    static constexpr char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    thread_local std::mt19937_64 rng(std::random_device{}() ^ (std::uint64_t(::getpid()) << 32));
    std::string name = prefix;
    for (int i = 0; i < 12; ++i) name += letters[rng() % (sizeof letters - 1)];
    return name;
}

}  // namespace nabla::jit

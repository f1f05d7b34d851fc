// io.cpp — bounded reads and checked writes.
#include "frontend/io.hpp"

#include "core/error.hpp"

#include <cerrno>
#include <cstring>
#include <iostream>
#include <istream>
#include <ostream>

namespace nabla::frontend {
namespace {

int first_write_errno = 0;  // errno of the first failed flush; 0 when none failed or unknown

std::string mebibytes(std::size_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

}  // namespace

LineRead read_line(std::istream& in, std::string& line, std::size_t max_bytes) {
    line.clear();
    std::streambuf* buffer = in.rdbuf();
    bool too_long = false, any = false;
    for (;;) {
        const int c = buffer->sbumpc();
        if (c == std::char_traits<char>::eof()) {
            in.setstate(std::ios::eofbit);
            if (!any) return LineRead::End;
            break;
        }
        any = true;
        if (c == '\n') break;
        if (too_long) continue;
        if (line.size() == max_bytes) {
            too_long = true;
            line.clear();
            line.shrink_to_fit();
            continue;
        }
        line.push_back(static_cast<char>(c));
    }
    if (too_long) return LineRead::TooLong;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return LineRead::Line;
}

std::string read_all(std::istream& in, const std::string& what, std::size_t max_bytes) {
    std::string text;
    char chunk[1 << 16];
    while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
        if (text.size() + static_cast<std::size_t>(in.gcount()) > max_bytes)
            throw LimitError(what + " is larger than " + mebibytes(max_bytes)
                             + ", the limit of an expression's text");
        text.append(chunk, static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) throw Error("cannot read " + what);
    return text;
}

bool flushed(std::ostream& out) {
    // A stream already failed by an earlier write still has that write's errno in most cases.
    if (out) {
        errno = 0;
        out.flush();
        if (out) return true;
    }
    if (first_write_errno == 0) first_write_errno = errno;
    return false;
}

int output_status(int status) {
    if (flushed(std::cout)) return status;
    std::cerr << "nabla: cannot write the output"
              << (first_write_errno ? std::string(": ") + std::strerror(first_write_errno) : std::string()) << "\n";
    return 1;
}

OutputFile::OutputFile(const std::string& path, std::string what) : path_(path), what_(std::move(what)) {
    errno = 0;
    out_.open(path, std::ios::binary | std::ios::trunc);
    if (!out_) fail(errno);
}

void OutputFile::write(std::string_view text) {
    if (failed_) return;
    errno = 0;
    out_.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out_) {
        failed_ = true;
        first_errno_ = errno;
    }
}

void OutputFile::close() {
    if (!failed_) {
        errno = 0;
        out_.close();  // flushes: the last bytes reach the file here, and so can a full disk
        if (out_.fail()) {
            failed_ = true;
            first_errno_ = errno;
        }
    }
    if (failed_) fail(first_errno_);
}

void OutputFile::fail(int error) const {
    throw Error("cannot write the " + what_ + " '" + path_ + "'" + (error ? std::string(": ") + std::strerror(error) : ""));
}

}  // namespace nabla::frontend

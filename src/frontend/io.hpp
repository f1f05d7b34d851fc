// io.hpp — reading input with a size cap and writing output that notices write errors.
#pragma once

#include "core/limits.hpp"

#include <cstddef>
#include <fstream>
#include <iosfwd>
#include <string>
#include <string_view>

namespace nabla::frontend {

enum class LineRead { Line, TooLong, End };

// One line, without its '\n' (and a '\r' before it). A line longer than max_bytes is read
// to its end and dropped, giving TooLong with `line` empty, so the next line is read as usual.
LineRead read_line(std::istream& in, std::string& line, std::size_t max_bytes = limits::max_line_bytes);

// The whole stream; throws nabla::LimitError naming `what` past max_bytes (so @/dev/zero ends).
std::string read_all(std::istream& in, const std::string& what, std::size_t max_bytes = limits::max_file_bytes);

// Flushes `out`; false if any write to it failed (the reason is kept for output_status).
bool flushed(std::ostream& out);

// The exit status after writing to standard output: `status`, or 1 with a message on stderr
// when a write failed (a full disk, a closed pipe).
int output_status(int status);

// A file a command writes besides standard output (--residuals, --trace). A failure to open
// it, or any write to it up to close(), throws nabla::Error naming `what` and the reason:
// "cannot write the trace file 'x.csv': No space left on device".
class OutputFile {
public:
    OutputFile(const std::string& path, std::string what);
    void write(std::string_view text);
    // Flushes and closes the file; throws if this or any earlier write failed.
    void close();

private:
    [[noreturn]] void fail(int error) const;

    std::string path_, what_;
    std::ofstream out_;
    int first_errno_ = 0;  // of the first failed write; 0 when none failed or unknown
    bool failed_ = false;
};

}  // namespace nabla::frontend

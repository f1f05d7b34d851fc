// io.hpp — reading input with a size cap and writing output that notices write errors.
#pragma once

#include "core/limits.hpp"

#include <cstddef>
#include <iosfwd>
#include <string>

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

}  // namespace nabla::frontend

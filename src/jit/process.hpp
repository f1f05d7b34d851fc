// process.hpp — running a program (the C++ compiler, gnuplot): a time limit, and no process
// left behind when nabla stops.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace nabla::jit {

// The executable `name` runs: itself when it contains a slash, else the first match in $PATH.
// Empty when there is none.
std::string find_program(const std::string& name);

// Runs `argv` (argv[0] a path, as find_program gives) in the directory open as `cwd` (-1: ours),
// with stdin from /dev/null and stdout and stderr into `output`, in a process group of its own. Returns the exit status (128 + the signal
// when it was killed, 127 when it could not be started), or nothing when `limit` (zero: none)
// passed first. The whole group is killed at the limit, on a cancel request (then this throws
// nabla::Cancelled) and when nabla itself dies.
std::optional<int> run(const std::vector<std::string>& argv, int output, std::chrono::seconds limit, int cwd = -1);

}  // namespace nabla::jit

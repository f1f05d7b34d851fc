// files.hpp — reading a whole file and naming a scratch file, for tests (header-only).
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace nabla::testing {

// The file's bytes, or "" when it cannot be read.
inline std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// $TMPDIR/NAME_PID (or /tmp/...): a scratch path of this test process's own.
inline std::string temp_path(const std::string& name) {
    const char* dir = std::getenv("TMPDIR");
    return std::string(dir ? dir : "/tmp") + "/" + name + "_" + std::to_string(::getpid());
}

}  // namespace nabla::testing

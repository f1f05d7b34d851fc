// paths.cpp — XDG state directory and home expansion.
#include "frontend/repl/paths.hpp"

#include <cstdlib>
#include <filesystem>

namespace nabla::repl {

std::optional<std::string> history_path() {
    std::filesystem::path dir;
    if (const char* state = std::getenv("XDG_STATE_HOME"); state && *state) {
        dir = std::filesystem::path(state) / "nabla";
    } else if (const char* home = std::getenv("HOME"); home && *home) {
        dir = std::filesystem::path(home) / ".local" / "state" / "nabla";
    } else {
        return std::nullopt;
    }
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return std::nullopt;
    return (dir / "history").string();
}

std::string expand_home(std::string path) {
    const char* home = std::getenv("HOME");
    if (home && (path == "~" || path.starts_with("~/"))) path = home + path.substr(1);
    return path;
}

}  // namespace nabla::repl

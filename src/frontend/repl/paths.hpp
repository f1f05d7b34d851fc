// paths.hpp — where the REPL keeps its history, and ~ in the file names users type.
#pragma once

#include <optional>
#include <string>

namespace nabla::repl {

// $XDG_STATE_HOME/nabla/history, or ~/.local/state/nabla/history; nothing without either
// variable. The directory is created when missing.
std::optional<std::string> history_path();

// "~/x.nb" -> "$HOME/x.nb"; anything else unchanged.
std::string expand_home(std::string path);

}  // namespace nabla::repl

// command_table.hpp — the REPL's colon commands: names, usage lines and the :help text.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace nabla::repl {

struct CommandInfo {
    std::string_view name;  // without ':'
    std::string_view usage;
    std::string_view summary;
};

std::span<const CommandInfo> commands();

// The command named, accepting any unambiguous prefix (:he for :help), or nothing.
const CommandInfo* find_command(std::string_view name);

// "unknown command ':hlep'; did you mean ':help'?" and the like.
std::string unknown_command_message(std::string_view name);

// Every command with its usage, then worked examples.
std::string help_text();

}  // namespace nabla::repl

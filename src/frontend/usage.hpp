// usage.hpp — usage errors of the command line (exit 2), with the nearest known name for a
// misspelt command or option.
#pragma once

#include <CLI/CLI.hpp>

#include <span>
#include <string>

namespace nabla::frontend {

// Reports a parse error of `app` on stderr and returns the exit status: 0 after printing the help
// or version asked for, 2 otherwise. `args` are the command-line arguments in their order. An
// unknown command or option is named with the nearest known one: "unknown command 'gradient';
// did you mean 'grad'?", "unknown option '--formt'; did you mean '--format'?".
int report_parse_error(CLI::App& app, const CLI::ParseError& error, std::span<const std::string> args);

// Reports a usage error that the parser cannot see (a value given twice, say) and returns 2:
// "nabla eval: 'x' is given twice", then where the command's help is.
int usage_error(const std::string& command, const std::string& message);

}  // namespace nabla::frontend

// repl.hpp — `nabla` without arguments: the interactive session, or a script from a pipe.
#pragma once

#include <istream>
#include <string>

namespace nabla::repl {

// Interactive when standard input is a terminal; otherwise standard input is run as a script,
// without prompts (`nabla < session.nb`). Returns the exit status: 0, or 1 when a statement
// of the script failed.
int run_repl();

}  // namespace nabla::repl

// cli.hpp — the `nabla` command line (DESIGN.md "Command line").
#pragma once

namespace nabla::frontend {

// Runs one command; returns the exit status: 0 success, 1 user error, 2 usage error.
int run_cli(int argc, char** argv);

}  // namespace nabla::frontend

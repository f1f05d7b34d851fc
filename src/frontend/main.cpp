// main.cpp — the nabla executable: a subcommand runs the CLI; no arguments, the REPL.
#include "frontend/cli.hpp"
#include "frontend/repl/repl.hpp"

int main(int argc, char** argv) {
    if (argc == 1) return nabla::repl::run_repl();
    return nabla::frontend::run_cli(argc, argv);
}

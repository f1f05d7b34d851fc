// main.cpp — the nabla executable.
#include "frontend/cli.hpp"

int main(int argc, char** argv) { return nabla::frontend::run_cli(argc, argv); }

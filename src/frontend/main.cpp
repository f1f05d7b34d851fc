// main.cpp — the nabla executable: a subcommand runs the CLI; no arguments, the REPL.
#include "core/error.hpp"
#include "frontend/cli.hpp"
#include "frontend/io.hpp"
#include "frontend/repl/repl.hpp"

#include <csignal>
#include <exception>
#include <filesystem>
#include <iostream>
#include <new>

int main(int argc, char** argv) {
    // A closed pipe is then a write error (EPIPE) the output checks report, not a silent death.
    std::signal(SIGPIPE, SIG_IGN);
    try {
        const int status = argc == 1 ? nabla::repl::run_repl() : nabla::frontend::run_cli(argc, argv);
        return nabla::frontend::output_status(status);
    } catch (const nabla::Cancelled& e) {  // only the batch and the REPL ask for a cancel, and catch it
        std::cerr << "nabla: " << e.what() << "\n";
        return 130;
    } catch (const std::bad_alloc&) {
        std::cerr << "nabla: out of memory\n";
    } catch (const std::filesystem::filesystem_error& e) {
        std::cerr << "nabla: " << e.what() << "\n";
    } catch (const std::exception& e) {
        std::cerr << "nabla: internal error: " << e.what() << "\n";
    }
    return 1;
}

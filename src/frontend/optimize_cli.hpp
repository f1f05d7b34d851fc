// optimize_cli.hpp — `nabla optimize` (minimise a formula from a starting point) and `nabla fit`
// (least-squares fit of a model's parameters to CSV data).
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace nabla::frontend {

struct OptimizeOptions {
    std::string expr;
    std::string vars;
    std::string x0;
    std::string method = "lbfgs";
    double tolerance = -1;   // below 0: the method's own default
    int max_iterations = 0;  // 0: the method's own default
    std::string format = "text";
    bool jit = false;  // optimize: evaluate through generated, compiled code
    std::string trace;  // --trace FILE.csv: one row per iteration
    bool quiet = false; // no progress line (and for fit, no warnings)
};

CLI::App* add_optimize_command(CLI::App& app, OptimizeOptions& o);

// Prints the result; returns the exit status: 0 converged, 1 a user error, 3 not converged,
// 130 interrupted by Ctrl-C (the best point found is printed for both).
int run_optimize(const OptimizeOptions& o);

struct FitOptions {
    std::string model;
    std::string data;       // a file, or - for standard input
    std::string separator;  // --sep: ",", ";", "tab" or "|"; empty: detected from the header line
    std::string params;
    std::string fix;        // --fix k=0.7,c=1/3
    std::string target = "y";  // an expression over columns: y, log(y)
    std::string weights;       // --weights: an expression over columns, per-row weights w
    std::string sigma;         // --sigma: per-row standard deviations, weights 1/sigma^2
    std::string residuals;     // --residuals FILE.csv: the fit row by row
    OptimizeOptions search{.method = "lm"};  // --x0 (of the parameters), --method, --tol, --max-iter, --format
};

CLI::App* add_fit_command(CLI::App& app, FitOptions& o);

// Exit status as for run_optimize; a fit whose data do not determine its parameters did not
// converge. Without --params, a model name that is neither a column nor parameter-shaped nor
// named in --x0 is an error (see inferred_parameters); an unused column is a warning on stderr.
int run_fit(const FitOptions& o);

}  // namespace nabla::frontend

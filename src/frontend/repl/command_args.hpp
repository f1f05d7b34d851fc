// command_args.hpp — the argument text of :diff, :eval, :minimize, :plot ... split into pieces.
//
// Commas separate arguments as in the call forms (:diff f, x is diff(f, x)). Without commas
// the command line reads like the CLI: `:diff x^2*y x y`, `:grad f y x`, `:eval f x=1 y=2`.
// Then the trailing words that are names (or [..] lists, or counts for :diff) are the
// variables, as many as leave a valid expression before them: `:diff x^2*y x y` is
// d2/dxdy of x^2*y, and `:diff 2 x x` the second derivative of 2 (commas say otherwise).
#pragma once

#include <optional>
#include <vector>

#include "frontend/repl/expand.hpp"
#include "frontend/request.hpp"

namespace nabla::repl {

// Arguments for run_operation (or for :steps, with Operation::Diff).
std::vector<Piece> operation_arguments(frontend::Operation op, const Piece& body, const Scope& scope);

// Arguments for minimize: those of :eval, then the method if a name alone ends the line
// (`:minimize f x=1 newton`; with commas, `:minimize f, x = 1, newton`).
std::vector<Piece> minimize_arguments(const Piece& body);

struct PlotArguments {
    Piece expr;
    std::optional<Piece> var;  // x in x=-3:3
    std::optional<Piece> lo, hi;
};

// `EXPR [x=LO:HI]` or `EXPR, x = LO:HI`. Throws nabla::Error for a malformed range.
PlotArguments plot_arguments(const Piece& body);

}  // namespace nabla::repl

// command_args.hpp — the arguments of :diff, :eval, :minimize, :plot ... as the grammar reads them.
//
// Commas separate arguments as in the call forms (:diff f, x is diff(f, x)). Without commas
// the command line reads like the CLI: `:diff x^2*y x y`, `:grad f y x`, `:eval f x=1 y=2`.
// Then the trailing words that are names (or [..] lists, or counts for :diff) are the
// variables, as many as leave a valid expression before them: `:diff x^2*y x y` is
// d2/dxdy of x^2*y, and `:diff 2 x x` the second derivative of 2 (commas say otherwise).
// A word is an operand of an implicit product written after a blank.
#pragma once

#include <vector>

#include "frontend/repl/expand.hpp"
#include "frontend/repl/statement.hpp"
#include "frontend/request.hpp"

namespace nabla::repl {

// Arguments for run_operation (or for :steps, with Operation::Diff).
std::vector<ast::Argument> operation_arguments(frontend::Operation op, const Statement& s, const Scope& scope);

// Arguments for minimize: those of :eval, then the method if a name alone ends the line
// (`:minimize f x=1 newton`; with commas, `:minimize f, x = 1, newton`).
std::vector<ast::Argument> minimize_arguments(const Statement& s);

// `EXPR [x=LO:HI]` or `EXPR, x = LO:HI`.
struct PlotArguments {
    std::vector<ast::Argument> args;  // owns the trees below
    const ast::Sum* expr = nullptr;   // null when nothing is given
    const ast::Binding* range = nullptr;
};
PlotArguments plot_arguments(const Statement& s);

// The names of `:clear a b` or `:clear a, b`, with where each is written. Throws for anything
// that is not a name.
std::vector<std::pair<std::string, std::size_t>> name_arguments(const Statement& s);

}  // namespace nabla::repl

// size_guard.hpp — refuses to unfold a DAG whose tree form is too large to print.
#pragma once

#include "core/error.hpp"
#include "core/expr.hpp"

namespace nabla::print {

// Largest expression tree (in nodes) the tree printers unfold; --format cse prints any DAG.
inline constexpr double max_printed_nodes = 2e6;

inline void check_printable(const core::Expr& e) {
    const core::Expr roots[] = {e};
    if (core::tree_size(roots) > max_printed_nodes)
        throw LimitError("result too large to print as a tree (more than 2 million nodes); "
                         "use --format cse, which prints shared sub-expressions once");
}

}  // namespace nabla::print

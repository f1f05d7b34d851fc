// bottom_up.hpp — printing a deep expression without recursion, shared by the tree printers.
#pragma once

#include "print/cse.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace nabla::print {

// Deeper expressions are printed bottom-up over the display DAG rather than by recursion,
// which would need stack in proportion to the depth (up to limits::max_depth).
inline constexpr std::uint32_t max_recursive_depth = 500;

// Each node of the display DAG printed once, children first, by a Printer constructed with a
// lookup that answers the children's texts; a text is dropped once its last parent used it.
// Printer(const std::function<const Piece*(const Expr&)>*) and Printer::structure(e) -> Piece.
template <class Printer, class Piece>
std::string print_bottom_up(const core::Expr& e) {
    using Lookup = std::function<const Piece*(const core::Expr&)>;
    if (e.args().empty()) return Printer().structure(e).text;
    const core::Expr roots[] = {e};
    const DisplayDag dag = display_dag(roots);
    std::vector<std::optional<Piece>> pieces(dag.nodes.size());
    std::vector<std::size_t> uses_left(dag.nodes.size());
    for (std::size_t i = 0; i < dag.nodes.size(); ++i) uses_left[i] = dag.nodes[i].uses;
    const Lookup lookup = [&](const core::Expr& k) -> const Piece* {
        auto it = dag.index.find(k.id());
        return it == dag.index.end() || !pieces[it->second] ? nullptr : &*pieces[it->second];
    };
    for (std::size_t i = 0; i < dag.nodes.size(); ++i) {
        pieces[i] = Printer(&lookup).structure(dag.nodes[i].expr);
        for (std::size_t k : dag.nodes[i].kids)
            if (--uses_left[k] == 0) pieces[k].reset();
    }
    return std::move(pieces[dag.roots[0]]->text);
}

}  // namespace nabla::print

// cse.hpp — "--format cse": shared sub-expressions printed once, as numbered let-bindings.
#pragma once

#include "core/expr.hpp"

#include <functional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace nabla::print {

// The roots as let-bindings in the expression language, one line each, every line ending in
// '\n':
//
//     t1 = x^2 + 1
//     t2 = sin(t1)
//     r1 = t2 + 2*t1
//
// Every non-atom node that the printed roots reach more than once, and every non-root node
// whose infix would be longer than about 80 characters, is bound once to a name t1, t2, ...
// (numbered in dependency order); later lines refer to it by name. Then one line per root,
// `label = infix`, labels defaulting to r1, r2, ... The binding names get a '_' suffix on
// the prefix ("t_1", ...) when a symbol or label could be read as one of them. Each right
// side reads as infix() with its named sub-expressions replaced; time and output size are
// linear in the size of the roots' DAG, whatever the size of its unfolded tree.
// `root_labels` is empty or has one label per root.
std::string cse(std::span<const core::Expr> roots, std::span<const std::string> root_labels = {});

// ---- What cse is built on, shared with the tree printers (infix.cpp, latex.cpp).

// The display children of a node: the sub-expressions the infix and LaTeX printers ask for
// when they print its top, atoms left out. For a product (and a power with a negative
// number exponent) they are as_fraction's factors, so a factor x^-2 is asked for as x^2;
// for a sum, its terms in display order, each term after the first that reads negative
// negated (x - 2*y asks for 2*y).
std::vector<core::Expr> display_children(const core::Expr& e);

// The display DAG below some roots: each non-atom node once, children before parents
// (post-order of first visit, in argument order), with the positions of its display
// children and its use count: the display edges into it, plus one for each root it is.
// Built without recursion, so any depth is fine.
struct DisplayDag {
    struct Node {
        core::Expr expr;
        std::vector<std::size_t> kids;  // positions in `nodes`, one per display edge
        std::size_t uses = 0;
        bool root = false;
    };
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    std::vector<Node> nodes;
    std::vector<std::size_t> roots;  // position of each root in `nodes`; npos for an atom
    std::unordered_map<const core::Node*, std::size_t> index;  // node -> position

    const Node* find(const core::Expr& e) const {
        auto it = index.find(e.id());
        return it == index.end() ? nullptr : &nodes[it->second];
    }
};
DisplayDag display_dag(std::span<const core::Expr> roots);

// How tightly a piece of infix text binds; a context wraps anything looser in parentheses.
enum class InfixPrec { Sum = 1, Product = 2, Unary = 3, Power = 4, Atom = 5 };

struct InfixPiece {
    std::string text;
    InfixPrec prec;
};

// The text to print for a non-atom node instead of printing its structure, or null.
using InfixLookup = std::function<const InfixPiece*(const core::Expr&)>;

// Infix of `e`'s top node as infix() prints it, except that each display child of `e` is
// first given to `lookup` (the printer asks for nothing else below the top). With a
// lookup that always answers null, infix_with(e, lookup).text is infix(e). No size check:
// the caller keeps the text bounded.
InfixPiece infix_with(const core::Expr& e, const InfixLookup& lookup);

}  // namespace nabla::print

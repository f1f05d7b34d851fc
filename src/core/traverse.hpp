// traverse.hpp — the one DAG walk: every distinct node once, children before parents, with an
// explicit stack, since expressions may be limits::max_depth levels deep.
#pragma once

#include "core/expr.hpp"

#include <cstddef>
#include <span>
#include <unordered_set>
#include <utility>
#include <vector>

namespace nabla::core {

// Calls visit(e) once for each distinct node reachable from `roots`, each after all of its
// arguments. A node for which descend(e) is false is neither entered nor visited (a node a
// caller already knows, a part it replaces). Handles stay valid throughout: the walk holds
// pointers into the roots and into the nodes' argument arrays, which live as long as the roots.
template <class Visit, class Descend>
void post_order(std::span<const Expr> roots, Visit&& visit, Descend&& descend) {
    std::unordered_set<const void*> entered;
    std::vector<std::pair<const Expr*, std::size_t>> stack;  // a node, and its next argument
    for (const Expr& root : roots) {
        if (!descend(root) || !entered.insert(root.id()).second) continue;
        stack.emplace_back(&root, 0);
        while (!stack.empty()) {
            auto& [e, next] = stack.back();
            if (next < e->size()) {
                const Expr& kid = e->arg(next++);
                if (descend(kid) && entered.insert(kid.id()).second) stack.emplace_back(&kid, 0);  // invalidates e
                continue;
            }
            const Expr& done = *e;
            stack.pop_back();
            visit(done);
        }
    }
}

template <class Visit>
void post_order(std::span<const Expr> roots, Visit&& visit) {
    post_order(roots, std::forward<Visit>(visit), [](const Expr&) { return true; });
}

// As post_order, over a derived structure: the children of e are children(e), a
// std::vector<Expr> of nodes that need not be e's arguments (the printers walk the display
// form, where x - y has the child y rather than -y). visit(e, kids) gets them too. The walk
// holds every node on its stack, so children may be built on the fly.
template <class Children, class Visit>
void post_order_by(std::span<const Expr> roots, Children&& children, Visit&& visit) {
    struct Frame {
        Expr e;
        std::vector<Expr> kids;
        std::size_t next = 0;
    };
    std::unordered_set<const void*> entered;
    std::vector<Frame> stack;
    for (const Expr& root : roots) {
        if (!entered.insert(root.id()).second) continue;
        stack.push_back({root, children(root)});
        while (!stack.empty()) {
            Frame& top = stack.back();
            if (top.next < top.kids.size()) {
                Expr kid = top.kids[top.next++];
                if (!entered.insert(kid.id()).second) continue;
                std::vector<Expr> kids = children(kid);
                stack.push_back({std::move(kid), std::move(kids)});  // invalidates top
                continue;
            }
            Frame done = std::move(top);
            stack.pop_back();
            visit(done.e, std::move(done.kids));
        }
    }
}

}  // namespace nabla::core

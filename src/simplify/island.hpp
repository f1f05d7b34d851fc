// island.hpp — the polynomial part of an expression and its generators.
//
// Below a root, the island is the connected part made of sums, products and the powers an
// operation treats as polynomial arithmetic (positive integer powers for expand, all integer
// powers for the fraction operations). Every other node met is a leaf of the island and stands
// for a power of one generator: x, pi, sin(x), x^y, and x^(3/2) = (x^(1/2))^3. An operation
// converts the island to FLINT polynomials over those generators and back.
#pragma once

#include "core/expr.hpp"
#include "simplify/mpoly.hpp"

#include <cstddef>
#include <memory>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace nabla::simplify {

// What a leaf stands for: generator^exponent, exponent a nonzero integer.
struct Atom {
    core::Expr generator;
    long exponent;
};

// An integer exponent as a long; throws LimitError when |k| exceeds limits::max_poly_degree.
long bounded_exponent(const mpz_class& k);

// `leaf` as a power of a generator: b^(p/q) (q > 1, or q = 1 with p < 1) is (b^(1/q))^p, written
// ((b^(-1/q))^-p when p is negative and `signed_exponent` is false); anything else is leaf^1.
// Throws LimitError when |p| exceeds limits::max_poly_degree.
Atom atom_of(const core::Expr& leaf, bool signed_exponent);

// Calls visit(e) once for each distinct node of the island of `root`: inner nodes (is_inner(e)
// true: sums, products, powers) after the nodes below them, leaves without entering them. A
// power's exponent is not part of the island. No recursion: islands may be thousands deep.
template <class IsInner, class Visit>
void walk_island(const core::Expr& root, IsInner&& is_inner, Visit&& visit) {
    std::unordered_set<const void*> seen;
    std::vector<std::pair<const core::Expr*, std::size_t>> stack;  // a node, and its next argument
    auto enter = [&](const core::Expr& e) {
        if (!seen.insert(e.id()).second) return;
        if (is_inner(e))
            stack.emplace_back(&e, 0);
        else
            visit(e);
    };
    enter(root);
    while (!stack.empty()) {
        auto& [e, next] = stack.back();
        const std::size_t arity = e->is(core::Kind::Pow) ? 1 : e->size();
        if (next < arity) {
            enter(e->arg(next++));  // may push, which invalidates e and next
            continue;
        }
        const core::Expr& done = *e;
        stack.pop_back();
        visit(done);
    }
}

// The generators of an island, in canonical order, and what each of its leaves stands for.
struct IslandLeaves {
    std::unique_ptr<PolyRing> ring;
    struct Leaf {
        long generator;  // index into ring->generators()
        long exponent;
    };
    std::unordered_map<core::Expr, Leaf> leaves;
    // A leaf as a polynomial: its generator to the exponent, which must be positive.
    MPoly polynomial(const core::Expr& leaf) const;
};

// The ring of the atoms' generators and each leaf's place in it.
IslandLeaves make_island_leaves(std::unordered_map<core::Expr, Atom> atoms);

// Finds the leaves of the island of `root` and their atoms (`atom` maps a leaf to its Atom), and
// makes the ring of their generators.
template <class IsInner, class AtomOf>
IslandLeaves island_leaves(const core::Expr& root, IsInner&& is_inner, AtomOf&& atom) {
    std::unordered_map<core::Expr, Atom> atoms;
    walk_island(root, is_inner, [&](const core::Expr& e) {
        if (!is_inner(e) && !e.is_number()) atoms.emplace(e, atom(e));
    });
    return make_island_leaves(std::move(atoms));
}

}  // namespace nabla::simplify

// expand.cpp — expand: every island multiplied out over its generators.
#include "simplify/algebra.hpp"

#include "core/build.hpp"
#include "core/traverse.hpp"
#include "simplify/island.hpp"

#include <unordered_map>

namespace nabla::simplify {

namespace {

using core::Expr;
using core::Kind;

// Sums, products and positive integer powers are multiplied out; negative and fractional powers
// are generators (1/(x + 1) is (x + 1)^-1, a generator to the first power).
bool expand_inner(const Expr& e) {
    if (e.is(Kind::Add) || e.is(Kind::Mul)) return true;
    return e.is(Kind::Pow) && e.arg(1).is_integer() && sgn(e.arg(1).value()) > 0;
}

// The island of `root` multiplied out; `rewritten` gives each leaf with its arguments expanded.
Expr expand_island(const Expr& root, const std::unordered_map<Expr, Expr>& rewritten) {
    auto leaf_form = [&](const Expr& leaf) {
        const auto it = rewritten.find(leaf);
        return it == rewritten.end() ? leaf : it->second;
    };
    if (!expand_inner(root)) return leaf_form(root);
    // A rewritten leaf may have become a number (sin(x - x) is 0): a constant, no generator.
    const IslandLeaves island = island_leaves(root, expand_inner, [&](const Expr& leaf) {
        const Expr form = leaf_form(leaf);
        return form.is_number() ? Atom{form, 1} : atom_of(form, false);
    });
    const PolyRing& ring = *island.ring;
    std::unordered_map<Expr, MPoly> polys;
    walk_island(root, expand_inner, [&](const Expr& e) {
        MPoly p(ring);
        if (e.is_number()) {
            p = MPoly(ring, e.value());
        } else if (const Expr form = leaf_form(e); !expand_inner(e) && form.is_number()) {
            p = MPoly(ring, form.value());
        } else if (!expand_inner(e)) {
            p = island.polynomial(e);
        } else if (e.is(Kind::Add)) {
            for (const Expr& t : e.args()) p = add(p, polys.at(t));
        } else if (e.is(Kind::Mul)) {
            p = MPoly(ring, 1);
            for (const Expr& f : e.args()) p = multiply(p, polys.at(f));
        } else {
            p = power(polys.at(e.arg(0)),
                      static_cast<unsigned long>(bounded_exponent(e.arg(1).value().get_num())));
        }
        ring.charge(static_cast<double>(p.terms()));  // what the memo holds
        polys.emplace(e, std::move(p));
    });
    return to_expr(polys.at(root));
}

}  // namespace

Expr expand(const Expr& e) {
    // Leaves with arguments, deepest first: a call's arguments are islands of their own, and
    // every leaf below them has been rewritten when they are expanded.
    std::unordered_map<Expr, Expr> rewritten;
    const Expr roots[] = {e};
    core::post_order(roots, [&](const Expr& node) {
        if (node.args().empty() || expand_inner(node)) return;
        std::vector<Expr> args;
        for (const Expr& a : node.args()) args.push_back(expand_island(a, rewritten));
        rewritten.emplace(node, core::rebuild(node, std::move(args)));
    });
    return expand_island(e, rewritten);
}

}  // namespace nabla::simplify

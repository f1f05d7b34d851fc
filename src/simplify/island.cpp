// island.cpp — leaves as generator powers, and the ring of an island's generators.
#include "simplify/island.hpp"

#include "core/build.hpp"
#include "core/limits.hpp"

#include <algorithm>
#include <string>

namespace nabla::simplify {

using core::Expr;
using core::Kind;

long bounded_exponent(const mpz_class& k) {
    if (abs(k) > limits::max_poly_degree)
        polynomial_too_large("the power " + k.get_str() + " is more than " +
                             std::to_string(limits::max_poly_degree));
    return k.get_si();
}

Atom atom_of(const Expr& leaf, bool signed_exponent) {
    if (!leaf.is(Kind::Pow) || !leaf.arg(1).is_number()) return {leaf, 1};
    const mpq_class& r = leaf.arg(1).value();
    const long k = bounded_exponent(r.get_num());
    const long sign = signed_exponent || k > 0 ? 1 : -1;
    const Expr generator = core::pow(leaf.arg(0), core::num(mpq_class(sign, r.get_den())));
    return {generator, sign * k};
}

MPoly IslandLeaves::polynomial(const Expr& leaf) const {
    const Leaf& l = leaves.at(leaf);
    return generator_power(*ring, l.generator, static_cast<unsigned long>(l.exponent));
}

IslandLeaves make_island_leaves(std::unordered_map<Expr, Atom> atoms) {
    std::vector<Expr> generators;
    for (const auto& [leaf, atom] : atoms) generators.push_back(atom.generator);
    std::sort(generators.begin(), generators.end(),
              [](const Expr& a, const Expr& b) { return core::compare(a, b) < 0; });
    generators.erase(std::unique(generators.begin(), generators.end()), generators.end());
    IslandLeaves out;
    for (const auto& [leaf, atom] : atoms) {
        const auto at =
            std::lower_bound(generators.begin(), generators.end(), atom.generator,
                             [](const Expr& a, const Expr& b) { return core::compare(a, b) < 0; });
        out.leaves.emplace(leaf,
                           IslandLeaves::Leaf{static_cast<long>(at - generators.begin()), atom.exponent});
    }
    out.ring = std::make_unique<PolyRing>(std::move(generators));
    return out;
}

}  // namespace nabla::simplify

// fraction.cpp — sums, products and integer powers of fractions of polynomials.
#include "simplify/fraction.hpp"

#include "core/build.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"

#include <algorithm>
#include <unordered_map>

namespace nabla::simplify {

namespace {

using core::Expr;
using core::Kind;

// Sums, products and integer powers; everything else (including x^(1/2)) is a generator.
bool fraction_inner(const Expr& e) {
    if (e.is(Kind::Add) || e.is(Kind::Mul)) return true;
    return e.is(Kind::Pow) && e.arg(1).is_integer();
}

// Adds base^k to the bases; exponents stay within the degree limit, as the expanded
// denominator would have to.
void add_base(std::vector<std::pair<MPoly, unsigned long>>& bases, const MPoly& base, unsigned long k) {
    for (auto& [b, e] : bases) {
        if (b == base) {
            e += k;
            check_degree(static_cast<double>(e));
            return;
        }
    }
    check_degree(static_cast<double>(k));
    bases.emplace_back(base, k);
}

Fraction product(const Fraction& a, const Fraction& b) {
    Fraction p{multiply(a.numerator, b.numerator), a.denominator};
    for (const auto& [base, k] : b.denominator) add_base(p.denominator, base, k);
    return p;
}

// Over the common denominator: each base to the highest power any term has it.
Fraction sum(const std::vector<const Fraction*>& terms, const PolyRing& ring) {
    Fraction s{MPoly(ring), {}};
    for (const Fraction* t : terms)
        for (const auto& [base, k] : t->denominator) {
            auto it = std::find_if(s.denominator.begin(), s.denominator.end(),
                                   [&base = base](const auto& d) { return d.first == base; });
            if (it == s.denominator.end())
                s.denominator.emplace_back(base, k);
            else
                it->second = std::max(it->second, k);
        }
    for (const Fraction* t : terms) {
        MPoly scaled = t->numerator;
        for (const auto& [base, k] : s.denominator) {
            auto mine = std::find_if(t->denominator.begin(), t->denominator.end(),
                                     [&base = base](const auto& d) { return d.first == base; });
            const unsigned long missing = k - (mine == t->denominator.end() ? 0 : mine->second);
            if (missing > 0) scaled = multiply(scaled, power(base, missing));
        }
        s.numerator = add(s.numerator, scaled);
    }
    return s;
}

Fraction integer_power(const Fraction& f, long k, const PolyRing& ring) {
    const unsigned long n = static_cast<unsigned long>(k < 0 ? -k : k);
    if (k > 0) {
        Fraction p{power(f.numerator, n), {}};
        for (const auto& [base, e] : f.denominator) add_base(p.denominator, base, e * n);
        return p;
    }
    if (f.numerator.is_zero()) throw DomainError("division by zero: a denominator is 0 once expanded");
    // 1/(N/D)^n = D^n / N^n, with N's content moved up.
    const ContentSplit s = split_content(f.numerator);
    Fraction p{MPoly(ring, 1), {}};
    for (const auto& [base, e] : f.denominator) p.numerator = multiply(p.numerator, power(base, e * n));
    mpq_class scale = 1;
    for (unsigned long i = 0; i < n; ++i) scale /= s.content;
    p.numerator = multiply(p.numerator, MPoly(ring, scale));
    if (!s.primitive.is_constant()) add_base(p.denominator, s.primitive, n);
    return p;
}

}  // namespace

MPoly Fraction::expanded_denominator() const {
    MPoly d(numerator.ring(), 1);
    for (const auto& [base, k] : denominator) d = multiply(d, power(base, k));
    return d;
}

FractionForm fraction_form(const Expr& e) {
    IslandLeaves island =
        island_leaves(e, fraction_inner, [](const Expr& leaf) { return atom_of(leaf, true); });
    const PolyRing& ring = *island.ring;
    std::unordered_map<Expr, Fraction> values;
    walk_island(e, fraction_inner, [&](const Expr& node) {
        Fraction f{MPoly(ring), {}};
        if (node.is_number()) {
            f.numerator = MPoly(ring, node.value());
        } else if (!fraction_inner(node)) {
            const IslandLeaves::Leaf& leaf = island.leaves.at(node);
            const MPoly g = generator_power(ring, leaf.generator, 1);
            if (leaf.exponent > 0) {
                f.numerator = power(g, static_cast<unsigned long>(leaf.exponent));
            } else {
                f.numerator = MPoly(ring, 1);
                add_base(f.denominator, g, static_cast<unsigned long>(-leaf.exponent));
            }
        } else if (node.is(Kind::Add)) {
            std::vector<const Fraction*> terms;
            for (const Expr& t : node.args()) terms.push_back(&values.at(t));
            f = sum(terms, ring);
        } else if (node.is(Kind::Mul)) {
            f.numerator = MPoly(ring, 1);
            for (const Expr& a : node.args()) f = product(f, values.at(a));
        } else {
            f = integer_power(values.at(node.arg(0)), bounded_exponent(node.arg(1).value().get_num()), ring);
        }
        double stored = static_cast<double>(f.numerator.terms());
        for (const auto& [base, k] : f.denominator) stored += static_cast<double>(base.terms());
        ring.charge(stored);  // what the memo holds
        values.emplace(node, std::move(f));
    });
    Fraction value = std::move(values.at(e));
    return FractionForm{std::move(island), std::move(value)};
}

}  // namespace nabla::simplify

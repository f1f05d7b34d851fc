// fraction.hpp — an expression as one fraction of polynomials over its generators, for
// together, cancel and factor.
#pragma once

#include "core/expr.hpp"
#include "simplify/island.hpp"
#include "simplify/mpoly.hpp"

#include <utility>
#include <vector>

namespace nabla::simplify {

// numerator / product of base^k. The bases are distinct primitive polynomials (coprime integer
// coefficients, positive leading coefficient), so a denominator met twice is one base.
struct Fraction {
    MPoly numerator;
    std::vector<std::pair<MPoly, unsigned long>> denominator;

    MPoly expanded_denominator() const;
};

// The island of `e` (sums, products, integer powers) as a fraction. `island` owns the ring,
// so it must outlive the fraction. Throws DomainError when a denominator is the zero
// polynomial ((x + 1)^2 - x^2 - 2*x - 1 is), LimitError past a size limit.
struct FractionForm {
    IslandLeaves island;
    Fraction value;
};
FractionForm fraction_form(const core::Expr& e);

}  // namespace nabla::simplify

// layout.hpp — how a canonical expression reads: terms with signs, fractions, radicals.
// Shared by the infix and LaTeX printers so both show the same structure.
#pragma once

#include "core/expr.hpp"

#include <vector>

namespace nabla::print {

// A product split for display: sign * numerator / denominator, with the numeric
// coefficient's numerator and denominator kept apart from the symbolic factors.
struct Fraction {
    bool negative = false;
    mpz_class coef_num = 1, coef_den = 1;
    std::vector<core::Expr> numerator;    // factors with positive (or symbolic) exponents
    std::vector<core::Expr> denominator;  // factors of negative exponent, with the sign flipped
};

Fraction as_fraction(const core::Expr& e);

// Sum terms in display order: the stored order, except that a lone number goes last and the
// first positive term goes first, so a sum reads "1 - x" and "x2 - x1^2" rather than
// "-x + 1" and "-x1^2 + x2".
std::vector<core::Expr> display_terms(const core::Expr& sum);

// A power with exponent exactly 1/2, shown as sqrt(...).
bool is_sqrt(const core::Expr& e);

}  // namespace nabla::print

// cancel_gcd.cpp — cancel: numerator and denominator divided by their greatest common divisor.
#include "simplify/algebra.hpp"

#include "core/build.hpp"
#include "simplify/fraction.hpp"

namespace nabla::simplify {

core::Expr cancel(const core::Expr& e) {
    const FractionForm form = fraction_form(e);
    const Fraction& f = form.value;
    MPoly numerator = f.numerator;
    MPoly denominator = f.expanded_denominator();
    if (!denominator.is_constant()) {
        const MPoly g = gcd(numerator, denominator);
        numerator = *divide_exactly(numerator, g);
        denominator = *divide_exactly(denominator, g);
    }
    const ContentSplit n = split_content(numerator);
    const ContentSplit d = split_content(denominator);
    // c*N/D in one product, so that the coefficient stays outside: (x + 1)/(2*y).
    std::vector<core::Expr> factors{core::num(n.content / d.content), to_expr(n.primitive)};
    if (!d.primitive.is_constant()) factors.push_back(core::pow(to_expr(d.primitive), core::num(-1)));
    return core::mul(std::move(factors));
}

}  // namespace nabla::simplify

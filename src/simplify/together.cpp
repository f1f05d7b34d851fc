// together.cpp — together: one fraction over the common denominator of the terms.
#include "simplify/algebra.hpp"

#include "core/build.hpp"
#include "simplify/fraction.hpp"

namespace nabla::simplify {

core::Expr together(const core::Expr& e) {
    FractionForm form = fraction_form(e);
    Fraction& f = form.value;
    if (f.denominator.empty()) return e;
    for (auto& [base, k] : f.denominator)
        for (; k > 0; --k) {
            auto quotient = divide_exactly(f.numerator, base);
            if (!quotient) break;
            f.numerator = std::move(*quotient);
        }
    // The numerator's content stays a coefficient of the whole fraction: (x + y)/(2*x*y).
    const ContentSplit n = split_content(f.numerator);
    std::vector<core::Expr> factors{core::num(n.content), to_expr(n.primitive)};
    for (const auto& [base, k] : f.denominator)
        if (k > 0) factors.push_back(core::pow(to_expr(base), core::num(-static_cast<long>(k))));
    return core::mul(std::move(factors));
}

}  // namespace nabla::simplify

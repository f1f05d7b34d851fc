// layout.cpp — display structure shared by the printers.
#include "print/layout.hpp"

#include "core/build.hpp"

#include <algorithm>

namespace nabla::print {

using core::Expr;
using core::Kind;

Fraction as_fraction(const Expr& e) {
    Fraction f;
    auto place = [&](const Expr& factor) {
        if (factor.is(Kind::Pow) && factor.arg(1).is_number() && sgn(factor.arg(1).value()) < 0) {
            f.denominator.push_back(core::pow(factor.arg(0), core::num(-factor.arg(1).value())));
        } else {
            f.numerator.push_back(factor);
        }
    };
    if (e.is(Kind::Number)) {
        f.negative = sgn(e.value()) < 0;
        f.coef_num = abs(e.value().get_num());
        f.coef_den = e.value().get_den();
    } else if (e.is(Kind::Mul)) {
        for (const Expr& a : e.args()) {
            if (a.is_number()) {
                f.negative = sgn(a.value()) < 0;
                f.coef_num = abs(a.value().get_num());
                f.coef_den = a.value().get_den();
            } else {
                place(a);
            }
        }
    } else {
        place(e);
    }
    return f;
}

std::vector<Expr> display_terms(const Expr& sum) {
    std::vector<Expr> terms(sum.args().begin(), sum.args().end());
    // A lone number goes last (x^2 + 2*x + 1) ...
    if (terms[0].is_number()) std::rotate(terms.begin(), terms.begin() + 1, terms.end());
    // ... and a sum begins with a positive term when it has one: 1 - x, y - x^2.
    auto positive = std::find_if(terms.begin(), terms.end(), [](const Expr& t) { return !core::reads_negative(t); });
    if (positive != terms.end()) std::rotate(terms.begin(), positive, positive + 1);
    return terms;
}

bool is_sqrt(const Expr& e) {
    return e.is(Kind::Pow) && e.arg(1).is_number() && e.arg(1).value() == mpq_class(1, 2);
}

}  // namespace nabla::print

// layout.cpp — display structure shared by the printers.
#include "print/layout.hpp"

#include "core/build.hpp"

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
    if (terms.size() >= 2 && terms[0].is_number()) {
        const bool constant_positive = sgn(terms[0].value()) > 0;
        if (!(constant_positive && core::reads_negative(terms[1]))) {
            Expr c = terms[0];
            terms.erase(terms.begin());
            terms.push_back(c);
        }
    }
    return terms;
}

bool is_sqrt(const Expr& e) {
    return e.is(Kind::Pow) && e.arg(1).is_number() && e.arg(1).value() == mpq_class(1, 2);
}

}  // namespace nabla::print

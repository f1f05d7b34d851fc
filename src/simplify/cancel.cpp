// cancel.cpp — rule "cancel": common polynomial factors of a univariate fraction divided out.
#include "simplify/rules.hpp"

#include "core/build.hpp"
#include "simplify/poly.hpp"

#include <algorithm>
#include <vector>

namespace nabla::simplify {

namespace {

using core::Expr;
using core::Kind;

// At most this many candidate variables are tried per product, and a denominator is
// looked at only up to this many nodes, so the rule costs little at every product.
constexpr std::size_t max_cancel_variables = 4;
constexpr std::size_t max_scanned_nodes = 2000;

// The one symbol of `e` when it is built from numbers, that symbol, sums, products and
// non-negative integer powers only; otherwise null.
Expr sole_polynomial_symbol(const Expr& e) {
    Expr symbol;
    std::vector<Expr> stack{e};
    for (std::size_t scanned = 0; !stack.empty(); ++scanned) {
        if (scanned > max_scanned_nodes) return Expr();
        const Expr f = std::move(stack.back());
        stack.pop_back();
        switch (f.kind()) {
        case Kind::Number: break;
        case Kind::Symbol:
            if (!symbol.is_null() && !(symbol == f)) return Expr();
            symbol = f;
            break;
        case Kind::Pow:
            if (!f.arg(1).is_integer() || sgn(f.arg(1).value()) < 0) return Expr();
            stack.push_back(f.arg(0));
            break;
        case Kind::Add:
        case Kind::Mul:
            for (const Expr& a : f.args()) stack.push_back(a);
            break;
        case Kind::Constant:
        case Kind::Call: return Expr();
        }
    }
    return symbol;
}

// The |k| of a factor b^k with k a negative integer, or 0.
unsigned long denominator_power(const Expr& f) {
    if (!f.is(Kind::Pow) || !f.arg(1).is_integer() || sgn(f.arg(1).value()) >= 0) return 0;
    const mpz_class k = -f.arg(1).value().get_num();
    return k.fits_ulong_p() && k <= max_poly_degree ? k.get_ui() : 0;
}

// Cancels in `e`, a product, over the factors that are polynomials in `var`; the others
// are carried along untouched.
std::optional<Expr> cancel_in(const Expr& e, const Expr& var) {
    Poly numerator = poly_constant(1);
    Poly denominator = poly_constant(1);
    std::vector<Expr> rest;
    for (const Expr& f : e.args()) {
        const unsigned long k = denominator_power(f);
        const Expr& base = k > 0 ? f.arg(0) : f;
        std::optional<Poly> p = to_poly(base, var);
        if (!p) {
            rest.push_back(f);
            continue;
        }
        Poly& side = k > 0 ? denominator : numerator;
        for (unsigned long i = 0; i < std::max(k, 1ul); ++i) {
            auto next = poly_mul(side, *p);
            if (!next) return std::nullopt;
            side = std::move(*next);
        }
    }
    if (denominator.degree() < 1 || numerator.degree() < 1) return std::nullopt;
    const std::optional<Poly> g = poly_gcd(numerator, denominator);
    if (!g || g->degree() < 1) return std::nullopt;
    const Poly n = poly_divide(numerator, *g).quotient;
    const Poly d = poly_divide(denominator, *g).quotient;
    rest.push_back(from_poly(n, var));
    rest.push_back(core::pow(from_poly(d, var), core::num(-1)));
    return core::mul(std::move(rest));
}

}  // namespace

std::optional<Expr> rule_cancel(const Expr& e) {
    if (!e.is(Kind::Mul) || e.size() > max_rule_terms) return std::nullopt;
    // Only a variable of some polynomial denominator can cancel anything.
    std::vector<Expr> variables;
    for (const Expr& f : e.args()) {
        if (denominator_power(f) == 0) continue;
        const Expr var = sole_polynomial_symbol(f.arg(0));
        if (!var.is_null() && std::find(variables.begin(), variables.end(), var) == variables.end())
            variables.push_back(var);
    }
    if (variables.size() > max_cancel_variables) variables.resize(max_cancel_variables);
    for (const Expr& var : variables)
        if (auto r = cancel_in(e, var)) return r;
    return std::nullopt;
}

}  // namespace nabla::simplify

// build.hpp — canonicalizing constructors: the only way to make expression nodes.
//
// Construction simplifies automatically: sums and products are flattened, like terms and
// equal bases collected, numbers folded exactly, trivial powers removed, perfect roots
// extracted and built-in functions evaluated at their known special values. The result is
// in canonical form, so structurally equal mathematics meets as the same node.
#pragma once

#include "core/expr.hpp"

#include <string_view>
#include <vector>

namespace nabla::core {

Expr num(const mpq_class& value);
Expr num(long value);
Expr num(long numerator, long denominator);
const Expr& zero();
const Expr& one();
Expr sym(std::string_view name);  // any identifier; pi and e are constant(), not symbols
Expr constant(Constant c);

Expr add(std::vector<Expr> terms);
Expr mul(std::vector<Expr> factors);
Expr pow(const Expr& base, const Expr& exponent);
Expr call(Func f, std::vector<Expr> args);  // throws InternalError on wrong arity

// The product with its factor product.args()[i] replaced by `factor`: the product rule's
// terms. Equal to mul() of the new factor list, but the other factors are known to be in
// order already, which saves comparing them.
Expr replace_factor(const Expr& product, std::size_t i, const Expr& factor);

Expr add(const Expr& a, const Expr& b);
Expr mul(const Expr& a, const Expr& b);
Expr neg(const Expr& a);
Expr sub(const Expr& a, const Expr& b);
Expr div(const Expr& a, const Expr& b);  // throws DomainError on division by exact zero
Expr call(Func f, const Expr& a);
Expr call(Func f, const Expr& a, const Expr& b);

inline Expr operator+(const Expr& a, const Expr& b) { return add(a, b); }
inline Expr operator-(const Expr& a, const Expr& b) { return sub(a, b); }
inline Expr operator*(const Expr& a, const Expr& b) { return mul(a, b); }
inline Expr operator/(const Expr& a, const Expr& b) { return div(a, b); }
inline Expr operator-(const Expr& a) { return neg(a); }

// A product nested in a product is merged into it, except a large one (more than this many
// factors besides its coefficient): that stays one factor, written in parentheses. Chain-rule
// products are large, and keeping them whole lets a derivative share them instead of copying
// their factors into every term of the next derivative, which keeps high-order derivatives of
// deep compositions polynomial in size rather than exponential.
inline constexpr std::size_t max_flattened_factors = 6;
bool is_large_product(const Expr& e);

// True when the canonical form of `e` reads as negative (-3, -2*x, -x + y with the first
// term negative), so that exactly one of e and -e answers true. Used for odd/even function
// symmetry and for printing "a - b".
bool reads_negative(const Expr& e);

// Splits a product into its Number coefficient and the rest: 3*x*y -> (3, x*y), x -> (1, x).
std::pair<mpq_class, Expr> split_coefficient(const Expr& e);

// The node of e's kind (and function) over new arguments, built canonically; atoms are
// returned as they are.
Expr rebuild(const Expr& e, std::vector<Expr> args);

// The expression with each symbol in `from` replaced by the matching one in `to`, rebuilt
// canonically. Shared sub-expressions are visited once.
Expr substitute(const Expr& e, std::span<const Expr> from, std::span<const Expr> to);

// The symbols occurring in the roots, in natural order (x2 before x10).
std::vector<Expr> free_symbols(std::span<const Expr> roots);

}  // namespace nabla::core

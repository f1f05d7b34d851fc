// algebra.hpp — polynomial algebra on expressions: expand, together, cancel, factor, collect.
//
// Each treats what is not polynomial arithmetic as a generator: x, pi, sin(x), exp(y), x^y and
// x^(1/2) (x^(3/2) is its cube), and computes with FLINT's multivariate polynomials over the
// rationals. Results are canonical expressions, equal to the input wherever the input is
// defined; cancel and factor may extend the domain ((x^2 - 1)/(x - 1) becomes x + 1, defined at
// x = 1 too). Sizes are bounded (limits.hpp: degree, terms, generators, coefficient bits, work):
// past a bound the operation throws LimitError naming it. docs/simplify.md has examples.
#pragma once

#include "core/expr.hpp"

#include <span>

namespace nabla::simplify {

// Products and positive integer powers of sums multiplied out, everywhere: in function
// arguments, exponents and the bases of denominators too. Denominators stay as they are:
// (x + 1)^2/(x + 2) is x^2/(x + 2) + 2*x/(x + 2) + 1/(x + 2).
core::Expr expand(const core::Expr& e);

// One fraction N/D over a common denominator: D is the product of the distinct denominators
// met (each to its highest power), N is expanded, and a denominator factor that divides N is
// divided out. Function arguments are left as they are. An expression without denominators is
// returned unchanged. together(1/x + 1/y) is (x + y)/(x*y).
core::Expr together(const core::Expr& e);

// together, then numerator and denominator divided by their greatest common divisor and both
// expanded: (x^3 - y^3)/(x - y) is x^2 + x*y + y^2.
core::Expr cancel(const core::Expr& e);

// Numerator and denominator factored into irreducible polynomials over the integers, with a
// rational constant in front: x^2 - 1 is (x - 1)*(x + 1); common factors cancel.
core::Expr factor(const core::Expr& e);

// expand, then the terms grouped by the power of vars[0] they hold, each coefficient collected
// by the remaining variables: a*x + b*x + c is (a + b)*x + c. Powers of a variable inside a
// generator (sin(x)) count as part of the coefficient. Throws nabla::Error when a var is not a
// symbol.
core::Expr collect(const core::Expr& e, std::span<const core::Expr> vars);

}  // namespace nabla::simplify

// cse.hpp — "--format cse": shared sub-expressions printed once, as numbered let-bindings.
#pragma once

#include "core/expr.hpp"

#include <functional>
#include <span>
#include <string>

namespace nabla::print {

// The roots as let-bindings in the expression language, one line each, every line ending in
// '\n':
//
//     t1 = x^2 + 1
//     t2 = sin(t1)
//     r1 = t2 + 2*t1
//
// Every non-atom node that the printed roots reach more than once, and every non-root node
// whose infix would be longer than about 80 characters, is bound once to a name t1, t2, ...
// (numbered in dependency order); later lines refer to it by name. Then one line per root,
// `label = infix`, labels defaulting to r1, r2, ... The binding names get a '_' suffix on
// the prefix ("t_1", ...) when a symbol or label could be read as one of them. Each right
// side reads as infix() with its named sub-expressions replaced; time and output size are
// linear in the size of the roots' DAG, whatever the size of its unfolded tree.
// `root_labels` is empty or has one label per root.
std::string cse(std::span<const core::Expr> roots, std::span<const std::string> root_labels = {});

// ---- The infix printer with substitutions (defined in infix.cpp; the tool cse is built on).

// How tightly a piece of infix text binds; a context wraps anything looser in parentheses.
enum class InfixPrec { Sum = 1, Product = 2, Unary = 3, Power = 4, Atom = 5 };

struct InfixPiece {
    std::string text;
    InfixPrec prec;
};

// The text to print for a sub-expression instead of printing its structure, or null.
// A piece of precedence Atom stands for the whole node (a name): a term that reads as
// negative but is looked up as an Atom is added with " + name", not negated.
using InfixLookup = std::function<const InfixPiece*(const core::Expr&)>;

// Infix of `e`'s top node as infix() prints it, except that every non-atom node below the
// top is first given to `lookup`. With a lookup that always answers null, infix_with(e).text is
// infix(e). No size check: the caller keeps the unfolded text bounded.
InfixPiece infix_with(const core::Expr& e, const InfixLookup& lookup);

}  // namespace nabla::print

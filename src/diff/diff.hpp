// diff.hpp — symbolic differentiation: structural rules in code, function rules from the table.
#pragma once

#include "core/expr.hpp"


namespace nabla::diff {

// Differentiates with respect to one variable, memoising per node: a shared sub-expression
// is differentiated once however many paths reach it, and one Differentiator reused across
// several expressions (the entries of a gradient) shares that work between them. The memo
// lives in the nodes (core::MemoPass), so it is fastest when one Differentiator works at a
// time; interleaving several stays correct but recomputes.
class Differentiator {
public:
    explicit Differentiator(core::Expr variable);
    core::Expr operator()(const core::Expr& e);
    const core::Expr& variable() const { return variable_; }

private:
    core::Expr derive(const core::Expr& e);
    core::Expr variable_;
    core::MemoPass memo_;
};

// d e / d x. Throws nabla::Error when x is not a symbol.
core::Expr derivative(const core::Expr& e, const core::Expr& x);

}  // namespace nabla::diff

// diff.hpp — symbolic differentiation: structural rules in code, function rules from the table.
#pragma once

#include "core/expr.hpp"

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace nabla::diff {

// One rule applied to one sub-expression, as the differentiator applied it:
// d/dx[expr] = formula = result, where the formula holds placeholder symbols standing for the
// derivatives of inner expressions, which have steps of their own.
struct Step {
    std::string rule;    // "product rule", "function rule for sin with the chain rule", ...
    core::Expr expr;     // the sub-expression differentiated
    core::Expr formula;  // the rule's right-hand side, with placeholders
    std::vector<std::pair<core::Expr, core::Expr>> placeholders;  // placeholder -> the u it stands for d/dx[u] of
    core::Expr result;   // the derivative of expr
};

// What a Differentiator did: the Step of each node it differentiated, leaves aside.
class Record {
public:
    // The step of e, or nullptr when e was not differentiated (or is a leaf).
    const Step* find(const core::Expr& e) const;
    // Takes e's step out of the record (for a view that shows each step once).
    Step take(const core::Expr& e);

private:
    friend class Differentiator;
    std::unordered_map<const void*, Step> steps_;
};

// Differentiates with respect to one variable, memoising per node: a shared sub-expression
// is differentiated once however many paths reach it, and one Differentiator reused across
// several expressions (the entries of a gradient) shares that work between them. The memo
// lives in the nodes (core::MemoPass), so it is fastest when one Differentiator works at a
// time; interleaving several stays correct but recomputes.
//
// Given a Record, it writes there which rule it applied at each node and with what parts
// (diff/steps.hpp shows them); the derivatives are the same with or without one.
class Differentiator {
public:
    explicit Differentiator(core::Expr variable, Record* record = nullptr);
    core::Expr operator()(const core::Expr& e);
    const core::Expr& variable() const { return variable_; }

private:
    class Parts;
    core::Expr derive(const core::Expr& e);
    void note(const core::Expr& e, std::string rule, core::Expr formula, Parts& parts);
    void note_product(const core::Expr& e);
    void note_call(const core::Expr& e);
    core::Expr variable_;
    core::MemoPass memo_;
    Record* record_;
};

// d e / d x. Throws nabla::Error when x is not a symbol.
core::Expr derivative(const core::Expr& e, const core::Expr& x);

}  // namespace nabla::diff

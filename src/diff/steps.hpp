// steps.hpp — a derivation as a list of named rule applications, for step-by-step output.
#pragma once

#include "core/expr.hpp"

#include <string>
#include <utility>
#include <vector>

namespace nabla::diff {

// One rule applied to one sub-expression: d/dx[expr] = formula = result, where the formula
// contains placeholder symbols standing for the derivatives still to be taken.
struct Step {
    std::string rule;   // "product rule", "chain rule (sin)", ...
    core::Expr expr;    // the sub-expression differentiated
    core::Expr formula; // the rule's right-hand side, with placeholders
    std::vector<std::pair<core::Expr, core::Expr>> placeholders;  // placeholder -> d/dx of this
    core::Expr result;  // the simplified derivative of expr
    int depth;          // nesting, for indentation
};

// The steps of d f / d x, outermost first; each distinct sub-expression is derived once.
std::vector<Step> derivation(const core::Expr& f, const core::Expr& x);

// True for the placeholder symbols that Step::formula uses.
bool is_placeholder(const core::Expr& e);

}  // namespace nabla::diff

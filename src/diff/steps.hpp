// steps.hpp — a derivation for step-by-step output: a view of the differentiator's Record.
#pragma once

#include "core/expr.hpp"
#include "diff/diff.hpp"

#include <vector>

namespace nabla::diff {

// d f / d x with the rules that produced it, in the order a reader follows them.
struct Derivation {
    struct Line {
        Step step;
        int depth;  // nesting under the step whose formula needs it, for indentation
    };
    core::Expr function;      // f
    core::Expr variable;      // x
    core::Expr result;        // d f / d x, as derivative() gives it
    std::vector<Line> lines;  // outermost first; each distinct sub-expression once
};

// Differentiates f by x once, recording, and lays the record out as lines.
Derivation derivation(const core::Expr& f, const core::Expr& x);

}  // namespace nabla::diff

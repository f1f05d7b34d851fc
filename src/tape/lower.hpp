// lower.hpp — expression DAG -> tape values: each shared node lowered once, without recursion.
#pragma once

#include "core/expr.hpp"
#include "tape/program.hpp"

#include <span>
#include <unordered_map>
#include <utility>
#include <vector>

namespace nabla::tape {

// Lowers expressions into one Program. Nodes are memoised across calls, so everything lowered
// through one Lowering shares work.
// Sums become chains of + and - (negative terms subtract), products chains of * with a single
// division by the product of the factors with negative exponents, small integer powers
// products, x^(p/2) and x^(p/3) products of sqrt and cbrt.
class Lowering {
public:
    // Symbols are the program's inputs: vars[i] is input i, params[k] input n + k.
    Lowering(Program& program, std::span<const core::Expr> vars, std::span<const core::Expr> params = {});

    // Symbols stand for values already in the program (the reverse sweep lowers a function's
    // partial derivative over the slots of its arguments).
    Lowering(Program& program, std::span<const std::pair<core::Expr, Ref>> bindings);

    // Throws nabla::Error for a symbol that is not bound, and nabla::DomainError for a number
    // beyond the double range.
    Ref operator()(const core::Expr& e);

private:
    Ref lower_node(const core::Expr& e);
    Ref lower_add(const core::Expr& e);
    Ref lower_mul(const core::Expr& e);
    Ref lower_pow(const core::Expr& e);
    const Ref& at(const core::Expr& e) const { return memo_.at(e.id()).second; }

    Program& program_;
    // The handle keeps the node alive, so that its address cannot be reused for another.
    std::unordered_map<const core::Node*, std::pair<core::Expr, Ref>> memo_;
};

}  // namespace nabla::tape

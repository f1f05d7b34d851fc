// lower.hpp — expression DAG -> program values: each shared node lowered once, without recursion.
#pragma once

#include "codegen/program.hpp"
#include "core/expr.hpp"

#include <span>
#include <unordered_map>
#include <vector>

namespace nabla::codegen {

// Lowers expressions into one Program whose inputs are `vars` then `params` (input i is
// vars[i], input n + k is params[k]).
// Nodes are memoised across calls, so everything lowered through one Lowering shares work.
// Sums become chains of + and - (negative terms subtract), products chains of * with a single
// division by the product of the factors with negative exponents, small integer powers
// products, x^(p/2) and x^(p/3) products of sqrt and cbrt.
class Lowering {
public:
    Lowering(Program& program, std::span<const core::Expr> vars, std::span<const core::Expr> params = {});

    // Throws nabla::Error for a symbol that is neither a variable nor a parameter, and for a
    // number beyond the double range.
    Ref operator()(const core::Expr& e);

private:
    Ref lower_node(const core::Expr& e);
    Ref lower_add(const core::Expr& e);
    Ref lower_mul(const core::Expr& e);
    Ref lower_pow(const core::Expr& e);
    const Ref& at(const core::Expr& e) const { return memo_.at(e.id()).second; }

    Program& program_;
    std::unordered_map<const core::Node*, std::size_t> input_;
    // The handle keeps the node alive, so that its address cannot be reused for another.
    std::unordered_map<const core::Node*, std::pair<core::Expr, Ref>> memo_;
};

}  // namespace nabla::codegen

// simplify.hpp — `nabla simplify`: canonical form plus a few named rewrites that shrink it.
//
// Each rewrite (rulesets.def) is tried bottom-up at every node and kept only when the result
// has fewer tree nodes than what it replaces, so simplify never makes an expression larger:
// a tie keeps the input. Rules: cancel (common polynomial factors of a univariate fraction),
// and identities (docs/simplify.md): trig (tan <-> sin/cos, sin^2 + cos^2 = 1, double angles),
// exp-log (exp(a)*exp(b) = exp(a + b), exp(2*log(x)) = x^2, logs of products and powers),
// hyperbolic, piecewise (max, min, relu, abs, sign, heaviside) and ml (sigmoid, softplus).
// Then the whole result is expanded, cancelled (multivariate gcd) and put over one denominator
// (algebra.hpp), and the smallest of these is kept: (x + 1)^2 - x^2 - 2*x - 1 is 0.
// The result equals the input wherever the input is defined; cancel may extend the domain
// ((x^2 - 1)/(x - 1) -> x + 1 is also defined at x = 1), as computer algebra systems do.
// Polynomial work is bounded (degree 64, coefficient size): beyond that a rule gives up.
#pragma once

#include "core/expr.hpp"

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace nabla::simplify {

struct SimplifyOptions {
    std::vector<std::string> groups;  // rule groups to run by name; empty runs them all
    std::size_t max_passes = 4;       // bottom-up passes before stopping short of a fixpoint
    std::size_t max_rewrites_per_node = 16;
};

enum class StopReason {
    Fixpoint,   // a pass changed nothing
    PassLimit,  // max_passes passes all changed something
};

struct SimplifyTrace {
    // The name of each rule applied to some node, in order, then "expand", "cancel" or
    // "together" for a smaller whole. A rewrite inside a part that is then kept as written (its
    // parent would become 1/0) still counts.
    std::vector<std::string> fired;
    StopReason stop = StopReason::Fixpoint;
};

struct RuleInfo {
    std::string_view group;
    std::string_view name;
};

// The rules in the order they are tried, with their groups.
std::span<const RuleInfo> rule_table();

core::Expr simplify(const core::Expr& e);
// Throws nabla::Error for an unknown group name. `trace` may be null.
core::Expr simplify(const core::Expr& e, const SimplifyOptions& options, SimplifyTrace* trace = nullptr);

}  // namespace nabla::simplify

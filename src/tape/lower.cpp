// lower.cpp — expression DAG -> tape values, children before parents, each node once.
#include "tape/lower.hpp"

#include "core/double.hpp"
#include "core/error.hpp"
#include "core/number.hpp"
#include "core/traverse.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

namespace nabla::tape {

using core::Expr;
using core::Kind;

Lowering::Lowering(Program& program, std::span<const Expr> vars, std::span<const Expr> params)
    : program_(program) {
    NABLA_ASSERT(vars.size() == program.num_vars() && params.size() == program.num_params(),
                 "Lowering: one variable or parameter per program input");
    for (std::size_t i = 0; i < vars.size(); ++i) memo_.emplace(vars[i].id(), std::pair{vars[i], program.input(i)});
    for (std::size_t k = 0; k < params.size(); ++k)
        memo_.emplace(params[k].id(), std::pair{params[k], program.param(k)});
}

Lowering::Lowering(Program& program, std::span<const std::pair<Expr, Ref>> bindings) : program_(program) {
    for (const auto& [symbol, value] : bindings) memo_.emplace(symbol.id(), std::pair{symbol, value});
}

Ref Lowering::operator()(const Expr& e) {
    const Expr roots[] = {e};
    core::post_order(
        roots, [&](const Expr& node) { memo_.emplace(node.id(), std::pair{node, lower_node(node)}); },
        [&](const Expr& node) { return !memo_.contains(node.id()); });
    return at(e);
}

Ref Lowering::lower_node(const Expr& e) {
    switch (e.kind()) {
    case Kind::Number: {
        const double v = core::to_double(e.value());
        if (!std::isfinite(v))
            throw DomainError("overflow: a number in the expression (" + core::magnitude(e.value())
                              + ") is too large for a double");
        return program_.number(v);
    }
    case Kind::Constant: return program_.number(core::to_double(e));
    case Kind::Symbol: throw Error("'" + e.name() + "' is neither a variable nor a parameter");
    case Kind::Add: return lower_add(e);
    case Kind::Mul: return lower_mul(e);
    case Kind::Pow: return lower_pow(e);
    case Kind::Call:
        if (e.size() == 1) return program_.call(e.func(), at(e.arg(0)));
        return program_.call(e.func(), at(e.arg(0)), at(e.arg(1)));
    }
    NABLA_ASSERT(false, "Lowering: unknown node kind");
    return {};
}

// Terms are added in the order of the first variable they use (stable), so that a sum over
// many variables keeps few of them live; the first positive term starts the sum, so that
// x - 1 is not computed as -(1 - x).
Ref Lowering::lower_add(const Expr& e) {
    std::vector<Ref> terms;
    for (const Expr& t : e.args()) terms.push_back(at(t));
    std::stable_sort(terms.begin(), terms.end(), [&](const Ref& a, const Ref& b) {
        return program_.first_input(a.slot) < program_.first_input(b.slot);
    });
    const auto first = std::find_if(terms.begin(), terms.end(), [](const Ref& r) { return !r.neg; });
    if (first != terms.end()) std::rotate(terms.begin(), first, first + 1);
    Ref sum = terms[0];
    for (std::size_t i = 1; i < terms.size(); ++i) sum = program_.add(sum, terms[i]);
    return sum;
}

// c * a * b / (d^2 * f): one division for all factors with negative exponents.
Ref Lowering::lower_mul(const Expr& e) {
    std::optional<Ref> numerator;
    std::optional<Ref> denominator;
    auto times = [&](std::optional<Ref>& product, Ref r) { product = product ? program_.mul(*product, r) : r; };
    for (const Expr& f : e.args()) {
        if (f.is(Kind::Pow) && f.arg(1).is_number() && sgn(f.arg(1).value()) < 0) {
            times(denominator, program_.pow(at(f.arg(0)), mpq_class(-f.arg(1).value())));
        } else {
            times(numerator, at(f));
        }
    }
    if (!denominator) return *numerator;
    return program_.div(numerator ? *numerator : program_.number(1), *denominator);
}

Ref Lowering::lower_pow(const Expr& e) {
    const Expr& base = e.arg(0);
    const Expr& exponent = e.arg(1);
    if (exponent.is_number()) return program_.pow(at(base), exponent.value());
    if (base.is(Kind::Constant) && base.constant() == core::Constant::E) return program_.call(core::Func::Exp, at(exponent));
    return program_.pow(at(base), at(exponent));
}

}  // namespace nabla::tape

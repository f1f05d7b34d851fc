// series.cpp — Taylor terms as repeated directional derivatives, evaluated at the point.
#include "diff/series.hpp"

#include "core/build.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"
#include "diff/diff.hpp"

#include <string>
#include <vector>

namespace nabla::diff {

core::Expr taylor(const core::Expr& f, std::span<const std::pair<core::Expr, core::Expr>> at, std::size_t order) {
    if (order > limits::max_diff_order)
        throw LimitError("a Taylor polynomial of order at most " + std::to_string(limits::max_diff_order));
    std::vector<core::Expr> vars, point;
    for (const auto& [x, a] : at) {
        if (!core::free_symbols(std::span(&a, 1)).empty())
            throw Error("the point of a Taylor polynomial must be constant: " + x.name() + " has a value with symbols");
        vars.push_back(x);
        point.push_back(a);
    }
    // The displacement x - a as fresh symbols h, constant under d/dx: the k-th term is
    // (sum_i h_i d/dx_i)^k f at x = a, over k!, and h = x - a is put in at the end.
    std::string prefix = "_h";
    for (const core::Expr& s : core::free_symbols(std::span(&f, 1)))
        while (s.name().starts_with(prefix)) prefix += "_";
    std::vector<core::Expr> h, displacement;
    for (std::size_t i = 0; i < vars.size(); ++i) {
        h.push_back(core::sym(prefix + std::to_string(i)));
        displacement.push_back(core::sub(vars[i], point[i]));
    }
    std::vector<core::Expr> terms{core::substitute(f, vars, point)};
    core::Expr directional = f;
    core::Expr factorial = core::num(1);
    for (std::size_t k = 1; k <= order; ++k) {
        std::vector<core::Expr> parts;
        for (std::size_t i = 0; i < vars.size(); ++i) parts.push_back(core::mul(h[i], derivative(directional, vars[i])));
        directional = core::add(std::move(parts));
        factorial = core::mul(factorial, core::num(static_cast<long>(k)));
        terms.push_back(core::div(core::substitute(directional, vars, point), factorial));
    }
    return core::substitute(core::add(std::move(terms)), h, displacement);
}

}  // namespace nabla::diff

// calculus.cpp — gradient, Jacobian and Hessian built from one memoising differentiator per variable.
#include "diff/calculus.hpp"

#include "core/build.hpp"
#include "diff/diff.hpp"

namespace nabla::diff {

using core::Expr;

core::Expr partial(const Expr& f, std::span<const Expr> vars) {
    Expr result = f;
    for (const Expr& x : vars) result = derivative(result, x);
    return result;
}

std::vector<Expr> gradient(const Expr& f, std::span<const Expr> vars) {
    std::vector<Expr> g;
    g.reserve(vars.size());
    for (const Expr& x : vars) g.push_back(derivative(f, x));
    return g;
}

Matrix jacobian(std::span<const Expr> fs, std::span<const Expr> vars) {
    Matrix j(fs.size(), std::vector<Expr>(vars.size()));
    for (std::size_t c = 0; c < vars.size(); ++c) {
        Differentiator d(vars[c]);  // one column at a time: see Differentiator
        for (std::size_t r = 0; r < fs.size(); ++r) j[r][c] = d(fs[r]);
    }
    return j;
}

GradientHessian gradient_and_hessian(const Expr& f, std::span<const Expr> vars) {
    const std::size_t n = vars.size();
    GradientHessian out{gradient(f, vars), Matrix(n, std::vector<Expr>(n))};
    // Column by column, so that one differentiator at a time walks the gradient's DAG.
    for (std::size_t j = 0; j < n; ++j) {
        Differentiator d(vars[j]);
        for (std::size_t i = j; i < n; ++i) out.hessian[i][j] = out.hessian[j][i] = d(out.gradient[i]);
    }
    return out;
}

Matrix hessian(const Expr& f, std::span<const Expr> vars) { return gradient_and_hessian(f, vars).hessian; }

std::vector<Expr> default_variables(std::span<const Expr> fs) { return core::free_symbols(fs); }

}  // namespace nabla::diff

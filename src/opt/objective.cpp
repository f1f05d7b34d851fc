// objective.cpp — an expression and its exact derivatives as an optimisation objective.
#include "opt/objective.hpp"

#include "diff/calculus.hpp"

namespace nabla::opt {

std::vector<core::Expr> derivative_roots(const core::Expr& f, std::span<const core::Expr> vars, bool with_hessian) {
    std::vector<core::Expr> roots{f};
    if (!with_hessian) {
        for (core::Expr& g : diff::gradient(f, vars)) roots.push_back(std::move(g));
        return roots;
    }
    const auto [gradient, hessian] = diff::gradient_and_hessian(f, vars);
    roots.insert(roots.end(), gradient.begin(), gradient.end());
    for (std::size_t i = 0; i < vars.size(); ++i)
        for (std::size_t j = 0; j <= i; ++j) roots.push_back(hessian[i][j]);
    return roots;
}

ExpressionObjective::ExpressionObjective(core::Expr f, std::span<const core::Expr> vars)
    : f_(std::move(f)), vars_(vars.begin(), vars.end()), value_and_gradient_(derivative_roots(f_, vars_, false), vars_) {}

double ExpressionObjective::gradient(const Eigen::VectorXd& x, Eigen::VectorXd& g) const {
    const std::size_t n = vars_.size();
    Eigen::VectorXd out(static_cast<Eigen::Index>(n + 1));
    value_and_gradient_.run({x.data(), n}, {out.data(), n + 1});
    g = out.tail(static_cast<Eigen::Index>(n));
    return out[0];
}

double ExpressionObjective::hessian(const Eigen::VectorXd& x, Eigen::VectorXd& g, Eigen::MatrixXd& h) const {
    const std::size_t n = vars_.size();
    if (!with_hessian_) with_hessian_.emplace(derivative_roots(f_, vars_, true), vars_);
    std::vector<double> out(with_hessian_->num_roots());
    with_hessian_->run({x.data(), n}, out);
    g = Eigen::Map<const Eigen::VectorXd>(out.data() + 1, static_cast<Eigen::Index>(n));
    h.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
    std::size_t k = 1 + n;
    for (Eigen::Index i = 0; i < h.rows(); ++i)
        for (Eigen::Index j = 0; j <= i; ++j) h(i, j) = h(j, i) = out[k++];
    return out[0];
}

void ExpressionObjective::check_finite(const Eigen::VectorXd& x) const {
    const std::size_t n = vars_.size();
    std::vector<double> out(n + 1);
    value_and_gradient_.run_checked({x.data(), n}, out);
}

}  // namespace nabla::opt

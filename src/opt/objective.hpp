// objective.hpp — what the optimizers minimise: a function of n variables with its gradient
// and Hessian, evaluated in double.
#pragma once

#include "core/expr.hpp"
#include "eval/eval.hpp"
#include "tape/tape.hpp"

#include <Eigen/Dense>

#include <memory>
#include <optional>
#include <span>

namespace nabla::opt {

class Objective {
public:
    virtual ~Objective() = default;
    virtual std::size_t dimension() const = 0;
    // The value at x, and the gradient into g. Outside the function's domain the value is NaN
    // or infinite, which the optimizers treat as "too far": they step back.
    virtual double gradient(const Eigen::VectorXd& x, Eigen::VectorXd& g) const = 0;
    // The value, the gradient into g and the Hessian into h.
    virtual double hessian(const Eigen::VectorXd& x, Eigen::VectorXd& g, Eigen::MatrixXd& h) const = 0;
    // Throws nabla::DomainError naming the first step outside its domain when the value at x
    // is not finite (for a clear message about the starting point).
    virtual void check_finite(const Eigen::VectorXd& x) const = 0;
};

// f, its gradient, and with_hessian the Hessian's lower triangle row by row (h00, h10, h11,
// h20, ...): what the objectives compile.
std::vector<core::Expr> derivative_roots(const core::Expr& f, std::span<const core::Expr> vars, bool with_hessian);

// f(vars) given symbolically: the gradient and Hessian are nabla's exact derivatives, compiled
// once for double evaluation (tape::Tape). The Hessian is built on first use.
class ExpressionObjective final : public Objective {
public:
    // Throws nabla::Error when f uses a symbol that is not in vars.
    ExpressionObjective(core::Expr f, std::span<const core::Expr> vars);
    std::size_t dimension() const override { return vars_.size(); }
    double gradient(const Eigen::VectorXd& x, Eigen::VectorXd& g) const override;
    double hessian(const Eigen::VectorXd& x, Eigen::VectorXd& g, Eigen::MatrixXd& h) const override;
    void check_finite(const Eigen::VectorXd& x) const override;

private:
    core::Expr f_;
    std::vector<core::Expr> vars_;
    tape::Tape value_and_gradient_;
    mutable std::optional<tape::Tape> with_hessian_;  // f, gradient, then the lower triangle
};

}  // namespace nabla::opt

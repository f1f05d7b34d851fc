// compiled_objective.hpp — an expression objective evaluated by generated, compiled code.
#pragma once

#include "core/expr.hpp"
#include "eval/eval.hpp"
#include "jit/compile.hpp"
#include "opt/objective.hpp"
#include "tape/tape.hpp"

#include <span>

namespace nabla::opt {

// f(vars) through `nabla codegen`'s C++ (value and gradient, and the Hessian when asked for),
// compiled and loaded by nabla::jit: the same derivatives as ExpressionObjective, many times
// faster per evaluation on large formulas, after one compile (cached by source). Throws
// jit::CompileError or nabla::Error when no compiler works.
class CompiledObjective final : public Objective {
public:
    CompiledObjective(const core::Expr& f, std::span<const core::Expr> vars, bool with_hessian,
                      const jit::CompileOptions& options = {});
    std::size_t dimension() const override { return n_; }
    double gradient(const Eigen::VectorXd& x, Eigen::VectorXd& g) const override;
    // Throws nabla::InternalError unless built with_hessian.
    double hessian(const Eigen::VectorXd& x, Eigen::VectorXd& g, Eigen::MatrixXd& h) const override;
    void check_finite(const Eigen::VectorXd& x) const override;

private:
    using GradientFn = double(const double*, double*);
    using HessianFn = double(const double*, double*, double*);

    std::size_t n_;
    tape::Tape value_;  // for check_finite's messages, which name the function
    jit::Library library_;
    GradientFn* gradient_;
    HessianFn* hessian_ = nullptr;
};

}  // namespace nabla::opt

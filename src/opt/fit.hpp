// fit.hpp — least-squares fitting of a model's parameters to a table of data.
#pragma once

#include "core/expr.hpp"
#include "opt/data.hpp"
#include "opt/objective.hpp"
#include "tape/tape.hpp"

#include <optional>
#include <span>
#include <string>

namespace nabla::opt {

// 1/2 sum over the rows of (model - target)^2 as a function of the parameters. The model's
// other symbols are columns of the table, read row by row; the derivatives are nabla's exact
// ones of the model (the Hessian is the Gauss-Newton term plus the residuals times the model's
// Hessian, built on first use).
class LeastSquares final : public Objective {
public:
    // `data` must outlive the objective. Throws nabla::Error for a model symbol that is neither
    // a parameter nor a column, a parameter that is also a column, or a target that is not a
    // column.
    LeastSquares(core::Expr model, std::span<const core::Expr> params, const Table& data, const std::string& target);
    std::size_t dimension() const override { return params_.size(); }
    double gradient(const Eigen::VectorXd& p, Eigen::VectorXd& g) const override;
    double hessian(const Eigen::VectorXd& p, Eigen::VectorXd& g, Eigen::MatrixXd& h) const override;
    void check_finite(const Eigen::VectorXd& p) const override;

    // The residual model - target of every row at p.
    Eigen::VectorXd residuals(const Eigen::VectorXd& p) const;
    // The residuals' exact Jacobian at p: one row per data row, one column per parameter.
    void jacobian(const Eigen::VectorXd& p, Eigen::MatrixXd& out) const;
    std::size_t rows() const { return data_.rows(); }
    // The target column, the values the model is fitted to.
    Eigen::VectorXd targets() const;

private:
    // Fills the program's inputs: the parameters, then row r's columns.
    void load(const Eigen::VectorXd& p, std::size_t row, std::vector<double>& inputs) const;

    core::Expr model_;
    std::vector<core::Expr> params_;
    const Table& data_;
    std::size_t target_;
    std::vector<std::size_t> columns_;  // the table column of each data symbol
    std::vector<core::Expr> inputs_;    // params, then the data symbols
    tape::Tape model_and_gradient_;
    mutable std::optional<tape::Tape> with_hessian_;
};

}  // namespace nabla::opt

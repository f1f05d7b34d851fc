// fit.hpp — least-squares fitting of a model's parameters to a table of data.
#pragma once

#include "core/expr.hpp"
#include "opt/data.hpp"
#include "opt/objective.hpp"
#include "tape/tape.hpp"

#include <optional>
#include <span>

namespace nabla::opt {

// 1/2 sum over the rows of w (model - target)^2 as a function of the parameters, with one
// target value and one weight w per row (weight 1 when none are given). The model's other
// symbols are columns of the table, read row by row; the derivatives are nabla's exact ones of
// the model (the Hessian is the Gauss-Newton term plus the residuals times the model's
// Hessian, built on first use). The residuals are sqrt(w) (model - target), so that every
// method and statistic of an unweighted fit holds for the weighted one.
class LeastSquares final : public Objective {
public:
    // `data` must outlive the objective; `targets` (see row_values) and `weights`, if not
    // empty, have one value per row. Throws nabla::Error for a model symbol that is neither a
    // parameter nor a column, a parameter that is also a column, or a weight that is not a
    // finite number > 0 (naming its row).
    LeastSquares(core::Expr model, std::span<const core::Expr> params, const Table& data, Eigen::VectorXd targets,
                 Eigen::VectorXd weights = {});
    std::size_t dimension() const override { return params_.size(); }
    double gradient(const Eigen::VectorXd& p, Eigen::VectorXd& g) const override;
    double hessian(const Eigen::VectorXd& p, Eigen::VectorXd& g, Eigen::MatrixXd& h) const override;
    void check_finite(const Eigen::VectorXd& p) const override;

    // The weighted residual sqrt(w) (model - target) of every row at p.
    Eigen::VectorXd residuals(const Eigen::VectorXd& p) const;
    // The weighted residuals' exact Jacobian at p: one row per data row, one column per parameter.
    void jacobian(const Eigen::VectorXd& p, Eigen::MatrixXd& out) const;
    // The model's value at every row: the fitted values.
    Eigen::VectorXd model_values(const Eigen::VectorXd& p) const;
    std::size_t rows() const { return data_.rows(); }
    // The values the model is fitted to, and each row's weight.
    const Eigen::VectorXd& targets() const { return targets_; }
    const Eigen::VectorXd& weights() const { return weights_; }
    bool weighted() const { return weighted_; }
    // The table's columns the model reads, in the order of the model's data symbols.
    const std::vector<std::size_t>& columns() const { return columns_; }

private:
    // Fills the program's inputs: the parameters, then row r's columns.
    void load(const Eigen::VectorXd& p, std::size_t row, std::vector<double>& inputs) const;

    core::Expr model_;
    std::vector<core::Expr> params_;
    const Table& data_;
    Eigen::VectorXd targets_;
    Eigen::VectorXd weights_;
    Eigen::VectorXd root_weights_;  // sqrt(w), the factor of each residual
    bool weighted_;                 // weights were given
    std::vector<std::size_t> columns_;  // the table column of each data symbol
    std::vector<core::Expr> inputs_;    // params, then the data symbols
    tape::Tape model_and_gradient_;
    mutable std::optional<tape::Tape> with_hessian_;
};

}  // namespace nabla::opt

// fit.cpp — the least-squares objective, row by row over compiled model derivatives.
#include "opt/fit.hpp"

#include "core/build.hpp"
#include "core/error.hpp"

#include <fmt/format.h>

#include <cmath>

namespace nabla::opt {

namespace {

// The model's symbols that are not parameters, each checked to be a column.
std::vector<core::Expr> data_symbols(const core::Expr& model, std::span<const core::Expr> params, const Table& data) {
    for (const core::Expr& p : params)
        if (data.column(p.name())) throw Error("'" + p.name() + "' is both a parameter and a column of the data");
    std::vector<core::Expr> symbols;
    for (const core::Expr& s : core::free_symbols({&model, 1})) {
        if (std::find(params.begin(), params.end(), s) != params.end()) continue;
        if (!data.column(s.name()))
            throw Error("'" + s.name() + "' is neither a parameter nor a column of the data");
        symbols.push_back(s);
    }
    return symbols;
}

std::vector<core::Expr> concat(std::span<const core::Expr> a, std::span<const core::Expr> b) {
    std::vector<core::Expr> out(a.begin(), a.end());
    out.insert(out.end(), b.begin(), b.end());
    return out;
}

// The weights, each checked to be a finite number > 0; all 1 when none are given.
Eigen::VectorXd checked_weights(const Eigen::VectorXd& weights, std::size_t rows) {
    if (weights.size() == 0) return Eigen::VectorXd::Ones(static_cast<Eigen::Index>(rows));
    if (static_cast<std::size_t>(weights.size()) != rows)
        throw Error(fmt::format("{} weights for {} rows of data", weights.size(), rows));
    for (Eigen::Index r = 0; r < weights.size(); ++r)
        if (!(std::isfinite(weights[r]) && weights[r] > 0))
            throw Error(fmt::format("the weight at row {} of the data is {}: weights must be finite numbers > 0", r + 1,
                                    weights[r]));
    return weights;
}

}  // namespace

LeastSquares::LeastSquares(core::Expr model, std::span<const core::Expr> params, const Table& data,
                           Eigen::VectorXd targets, Eigen::VectorXd weights)
    : model_(std::move(model)),
      params_(params.begin(), params.end()),
      data_(data),
      targets_(std::move(targets)),
      weights_(checked_weights(weights, data.rows())),
      root_weights_(weights_.cwiseSqrt()),
      weighted_(weights.size() != 0),
      inputs_(concat(params_, data_symbols(model_, params_, data))),
      model_and_gradient_(derivative_roots(model_, params_, false), inputs_) {
    if (static_cast<std::size_t>(targets_.size()) != data.rows())
        throw Error(fmt::format("{} target values for {} rows of data", targets_.size(), data.rows()));
    for (std::size_t k = params_.size(); k < inputs_.size(); ++k) columns_.push_back(*data.column(inputs_[k].name()));
}

void LeastSquares::load(const Eigen::VectorXd& p, std::size_t row, std::vector<double>& inputs) const {
    inputs.resize(inputs_.size());
    std::copy(p.data(), p.data() + p.size(), inputs.begin());
    for (std::size_t k = 0; k < columns_.size(); ++k) inputs[params_.size() + k] = data_.at(row, columns_[k]);
}

double LeastSquares::gradient(const Eigen::VectorXd& p, Eigen::VectorXd& g) const {
    const std::size_t n = params_.size();
    std::vector<double> inputs, out(n + 1);
    g = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(n));
    double sum = 0;
    for (std::size_t r = 0; r < data_.rows(); ++r) {
        load(p, r, inputs);
        model_and_gradient_.run(inputs, out);
        const auto i = static_cast<Eigen::Index>(r);
        const double residual = root_weights_[i] * (out[0] - targets_[i]);
        sum += residual * residual;
        g += (residual * root_weights_[i]) * Eigen::Map<const Eigen::VectorXd>(out.data() + 1, static_cast<Eigen::Index>(n));
    }
    return sum / 2;
}

double LeastSquares::hessian(const Eigen::VectorXd& p, Eigen::VectorXd& g, Eigen::MatrixXd& h) const {
    const std::size_t n = params_.size();
    if (!with_hessian_) with_hessian_.emplace(derivative_roots(model_, params_, true), inputs_);
    std::vector<double> inputs, out(with_hessian_->num_roots());
    const auto size = static_cast<Eigen::Index>(n);
    g = Eigen::VectorXd::Zero(size);
    h = Eigen::MatrixXd::Zero(size, size);
    double sum = 0;
    for (std::size_t r = 0; r < data_.rows(); ++r) {
        load(p, r, inputs);
        with_hessian_->run(inputs, out);
        const double root_weight = root_weights_[static_cast<Eigen::Index>(r)];
        const double residual = root_weight * (out[0] - targets_[static_cast<Eigen::Index>(r)]);
        const Eigen::VectorXd dm = root_weight * Eigen::Map<const Eigen::VectorXd>(out.data() + 1, size);
        sum += residual * residual;
        g += residual * dm;
        h += dm * dm.transpose();  // Gauss-Newton term
        const double curvature = residual * root_weight;  // of the model's own Hessian
        std::size_t k = 1 + n;
        for (Eigen::Index i = 0; i < size; ++i)
            for (Eigen::Index j = 0; j <= i; ++j, ++k) {
                h(i, j) += curvature * out[k];
                if (i != j) h(j, i) += curvature * out[k];
            }
    }
    return sum / 2;
}

void LeastSquares::check_finite(const Eigen::VectorXd& p) const {
    std::vector<double> inputs, out(params_.size() + 1);
    for (std::size_t r = 0; r < data_.rows(); ++r) {
        load(p, r, inputs);
        try {
            model_and_gradient_.run_checked(inputs, out);
        } catch (const DomainError& e) {
            throw DomainError("row " + std::to_string(r + 1) + " of the data: " + e.what());
        }
    }
}

Eigen::VectorXd LeastSquares::model_values(const Eigen::VectorXd& p) const {
    Eigen::VectorXd out(static_cast<Eigen::Index>(data_.rows()));
    std::vector<double> inputs, values(params_.size() + 1);
    for (std::size_t r = 0; r < data_.rows(); ++r) {
        load(p, r, inputs);
        model_and_gradient_.run(inputs, values);
        out[static_cast<Eigen::Index>(r)] = values[0];
    }
    return out;
}

Eigen::VectorXd LeastSquares::residuals(const Eigen::VectorXd& p) const {
    return root_weights_.cwiseProduct(model_values(p) - targets_);
}

void LeastSquares::jacobian(const Eigen::VectorXd& p, Eigen::MatrixXd& out) const {
    const std::size_t n = params_.size();
    out.resize(static_cast<Eigen::Index>(data_.rows()), static_cast<Eigen::Index>(n));
    std::vector<double> inputs, values(n + 1);
    for (std::size_t r = 0; r < data_.rows(); ++r) {
        load(p, r, inputs);
        model_and_gradient_.run(inputs, values);
        const auto i = static_cast<Eigen::Index>(r);
        for (std::size_t j = 0; j < n; ++j) out(i, static_cast<Eigen::Index>(j)) = root_weights_[i] * values[j + 1];
    }
}

}  // namespace nabla::opt

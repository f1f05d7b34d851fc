// fit_params.hpp — which of a model's names `nabla fit` takes as parameters, the checks that
// catch a misspelt column, and `--fix` values.
#pragma once

#include "core/expr.hpp"
#include "opt/data.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace nabla::frontend {

// "a=1,b=2" split at commas into its items, "a=1" and "b=2" (an empty text has none).
std::vector<std::string> list_items(const std::string& text);

// True for a name `fit` takes as a parameter without being told: one letter, optionally
// followed by digits (a, k, b1, x0, with an optional _ before the digits), or a Greek letter's
// name, likewise (mu, sigma2, tau_1). Longer names (time, conc, tme) read as data columns.
bool parameter_shaped(std::string_view name);

// The parameters when --params is not given: the model's names that are not columns, in
// natural order. Each must be parameter_shaped or in `declared` (the names --x0
// gives values); any other throws nabla::Error naming it and the columns, since it is most
// likely a misspelt column.
std::vector<core::Expr> inferred_parameters(const core::Expr& model, const opt::Table& data,
                                            const std::vector<std::string>& declared);

// The columns that none of `uses` (the model, the target, the weights) reads, each with its
// 1-based position.
std::vector<std::pair<std::string, std::size_t>> unused_columns(std::span<const core::Expr> uses,
                                                                const opt::Table& data);

// --fix k=0.7,c=1/3: each a name of the model that is not a column, with a constant value,
// kept exact for substitution into the model and as a double for the report.
struct FixedParameters {
    std::vector<core::Expr> symbols;
    std::vector<core::Expr> values;
    std::vector<double> numbers;
};
FixedParameters fixed_parameters(const std::string& text, const core::Expr& model, const opt::Table& data);

}  // namespace nabla::frontend

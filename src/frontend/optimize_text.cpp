// optimize_text.cpp — a starting point's names; the point and the stop reason of an
// optimisation, as lines of text.
#include "frontend/optimize_text.hpp"

#include "core/error.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace nabla::frontend {

std::string joined_names(const std::vector<core::Expr>& vars) {
    std::string names;
    for (const core::Expr& x : vars) names += (names.empty() ? "" : ", ") + x.name();
    return names;
}

std::size_t variable_index(const std::vector<core::Expr>& vars, std::string_view name) {
    const auto it = std::find_if(vars.begin(), vars.end(), [&](const core::Expr& v) { return v.name() == name; });
    if (it == vars.end())
        throw Error("'" + std::string(name) + "' is not one of the variables ("
                    + (vars.empty() ? "there are none" : joined_names(vars)) + ")");
    return static_cast<std::size_t>(it - vars.begin());
}

std::string point_text(const std::vector<core::Expr>& vars, const Eigen::VectorXd& x) {
    std::string out;
    for (std::size_t k = 0; k < vars.size(); ++k)
        out += fmt::format("  {} = {:.12g}\n", vars[k].name(), x[static_cast<Eigen::Index>(k)]);
    return out;
}

std::string outcome_text(const opt::SearchResult& r, std::string_view method) {
    std::string out = fmt::format("{}{} ({}", r.converged ? "converged: " : "not converged: ", r.stop, method);
    if (r.iterations) out += fmt::format(", {} iterations", *r.iterations);
    return out + fmt::format(", {} evaluations)\n", r.evaluations);
}

std::string fit_text(const std::vector<core::Expr>& params, const Eigen::VectorXd& p, const opt::FitStatistics& s) {
    std::string out = fmt::format("fit to {} rows: {}sum of squared residuals {:.6g}, residual standard deviation {:.6g} "
                                  "({} degrees of freedom), R^2 {:.6g}\n",
                                  s.rows, s.weighted ? "weighted " : "", s.sum_squared_residuals, s.residual_standard_deviation,
                                  s.degrees_of_freedom, s.r_squared);
    std::size_t width = 0;
    for (const core::Expr& v : params) width = std::max(width, v.name().size());
    for (std::size_t k = 0; k < params.size(); ++k) {
        const auto i = static_cast<Eigen::Index>(k);
        out += fmt::format("  {:<{}} = {:<20.12g} standard error {:<12.6g} t = {:.4g}\n", params[k].name(), width, p[i],
                           s.standard_errors[i], s.t_values[i]);
    }
    return out;
}

std::string fixed_text(const std::vector<core::Expr>& fixed, const Eigen::VectorXd& values) {
    std::string out;
    for (std::size_t k = 0; k < fixed.size(); ++k)
        out += fmt::format("  {} = {:.12g} (fixed)\n", fixed[k].name(), values[static_cast<Eigen::Index>(k)]);
    return out;
}

}  // namespace nabla::frontend

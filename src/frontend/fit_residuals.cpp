// fit_residuals.cpp — the residuals table as text.
#include "frontend/fit_residuals.hpp"

#include <fmt/format.h>

namespace nabla::frontend {

std::string residuals_csv(const opt::LeastSquares& f, const opt::Table& data, const Eigen::VectorXd& p) {
    std::string out;
    for (const std::size_t c : f.columns()) out += data.columns[c] + ",";
    out += f.weighted() ? "observed,fitted,residual,weight\n" : "observed,fitted,residual\n";
    const Eigen::VectorXd fitted = f.model_values(p);
    for (std::size_t r = 0; r < data.rows(); ++r) {
        const auto i = static_cast<Eigen::Index>(r);
        for (const std::size_t c : f.columns()) out += fmt::format("{},", data.at(r, c));
        const double observed = f.targets()[i];
        out += fmt::format("{},{},{}", observed, fitted[i], observed - fitted[i]);
        out += f.weighted() ? fmt::format(",{}\n", f.weights()[i]) : "\n";
    }
    return out;
}

}  // namespace nabla::frontend

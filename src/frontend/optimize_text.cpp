// optimize_text.cpp — the point and the stop reason of an optimisation, as lines of text.
#include "frontend/optimize_text.hpp"

#include <fmt/format.h>

namespace nabla::frontend {

std::string point_text(const std::vector<core::Expr>& vars, const Eigen::VectorXd& x) {
    std::string out;
    for (std::size_t k = 0; k < vars.size(); ++k)
        out += fmt::format("  {} = {:.12g}\n", vars[k].name(), x[static_cast<Eigen::Index>(k)]);
    return out;
}

std::string outcome_text(const opt::Result& r, opt::Method method) {
    std::string out = fmt::format("{}{} ({}", r.converged ? "converged: " : "not converged: ", r.stop,
                                  opt::method_name(method));
    if (r.iterations) out += fmt::format(", {} iterations", *r.iterations);
    return out + fmt::format(", {} evaluations)\n", r.evaluations);
}

}  // namespace nabla::frontend

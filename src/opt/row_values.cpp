// row_values.cpp — one checked tape run per row.
#include "opt/row_values.hpp"

#include "core/build.hpp"
#include "core/error.hpp"
#include "tape/tape.hpp"

#include <fmt/format.h>

namespace nabla::opt {

Eigen::VectorXd row_values(const core::Expr& e, const Table& data, const std::string& what) {
    const std::vector<core::Expr> symbols = core::free_symbols({&e, 1});
    std::vector<std::size_t> columns;
    for (const core::Expr& s : symbols) {
        const auto c = data.column(s.name());
        if (!c) {
            std::string names;
            for (const std::string& n : data.columns) names += (names.empty() ? "" : ", ") + n;
            throw Error(fmt::format("{}: '{}' is not a column of the data ({})", what, s.name(), names));
        }
        columns.push_back(*c);
    }
    const tape::Tape program({&e, 1}, symbols);
    Eigen::VectorXd values(static_cast<Eigen::Index>(data.rows()));
    std::vector<double> inputs(columns.size());
    double out = 0;
    for (std::size_t r = 0; r < data.rows(); ++r) {
        for (std::size_t k = 0; k < columns.size(); ++k) inputs[k] = data.at(r, columns[k]);
        try {
            program.run_checked(inputs, {&out, 1});
        } catch (const DomainError& error) {
            throw DomainError(fmt::format("{} at row {} of the data: {}", what, r + 1, error.what()));
        }
        values[static_cast<Eigen::Index>(r)] = out;
    }
    return values;
}

}  // namespace nabla::opt

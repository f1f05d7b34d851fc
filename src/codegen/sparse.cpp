// sparse.cpp — sparse Jacobians and Hessians: one memoising differentiator per variable.
#include "codegen/sparse.hpp"

#include "core/build.hpp"
#include "diff/diff.hpp"

#include <algorithm>
#include <optional>
#include <unordered_map>

namespace nabla::codegen {

using core::Expr;

std::vector<std::uint32_t> SparseMatrix::row_pointers() const {
    std::vector<std::uint32_t> ptr(rows + 1, 0);
    for (std::uint32_t r : row) ++ptr[r + 1];
    for (std::size_t i = 0; i < rows; ++i) ptr[i + 1] += ptr[i];
    return ptr;
}

namespace {

// Differentiators made on first use and kept, so rows share their memo tables.
class Derivatives {
public:
    explicit Derivatives(std::span<const Expr> vars) : vars_(vars), ds_(vars.size()) {
        for (std::size_t i = 0; i < vars.size(); ++i) index_.emplace(vars[i].id(), static_cast<std::uint32_t>(i));
    }

    // Indices of the variables occurring in e, ascending.
    std::vector<std::uint32_t> occurring(const Expr& e) const {
        const Expr roots[] = {e};
        std::vector<std::uint32_t> out;
        for (const Expr& s : core::free_symbols(roots))
            if (auto it = index_.find(s.id()); it != index_.end()) out.push_back(it->second);
        std::sort(out.begin(), out.end());
        return out;
    }

    Expr d(const Expr& e, std::uint32_t var) {
        if (!ds_[var]) ds_[var].emplace(vars_[var]);
        return (*ds_[var])(e);
    }

private:
    std::span<const Expr> vars_;
    std::vector<std::optional<diff::Differentiator>> ds_;
    std::unordered_map<const core::Node*, std::uint32_t> index_;
};

}  // namespace

SparseMatrix sparse_jacobian(std::span<const Expr> fs, std::span<const Expr> vars) {
    Derivatives ds(vars);
    SparseMatrix m{fs.size(), vars.size(), {}, {}, {}};
    for (std::size_t r = 0; r < fs.size(); ++r) {
        for (std::uint32_t c : ds.occurring(fs[r])) {
            Expr d = ds.d(fs[r], c);
            if (d.is_zero()) continue;
            m.row.push_back(static_cast<std::uint32_t>(r));
            m.col.push_back(c);
            m.value.push_back(std::move(d));
        }
    }
    return m;
}

SparseMatrix sparse_hessian_lower(std::span<const Expr> gradient, std::span<const Expr> vars) {
    Derivatives ds(vars);
    SparseMatrix m{vars.size(), vars.size(), {}, {}, {}};
    for (std::size_t i = 0; i < gradient.size(); ++i) {
        for (std::uint32_t j : ds.occurring(gradient[i])) {
            if (j > i) break;
            Expr d = ds.d(gradient[i], j);
            if (d.is_zero()) continue;
            m.row.push_back(static_cast<std::uint32_t>(i));
            m.col.push_back(j);
            m.value.push_back(std::move(d));
        }
    }
    return m;
}

}  // namespace nabla::codegen

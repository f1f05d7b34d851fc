// sparse.hpp — structurally nonzero entries of Jacobians and Hessians, differentiated only there.
#pragma once

#include "core/expr.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace nabla::codegen {

// Entries in row-major order (rows ascending, columns ascending within a row): the same
// order serves COO and CSR. A structural nonzero is an entry whose symbolic derivative is
// not the number 0.
struct SparseMatrix {
    std::size_t rows = 0;
    std::size_t cols = 0;
    std::vector<std::uint32_t> row;
    std::vector<std::uint32_t> col;
    std::vector<core::Expr> value;

    std::size_t nnz() const { return value.size(); }
    std::vector<std::uint32_t> row_pointers() const;  // CSR: rows + 1 offsets
};

// d fs[r] / d vars[c]; only the variables occurring in fs[r] are tried.
SparseMatrix sparse_jacobian(std::span<const core::Expr> fs, std::span<const core::Expr> vars);

// The lower triangle (col <= row) of the Hessian of f, from its symbolic gradient `gradient`
// (gradient[i] = df/dvars[i]).
SparseMatrix sparse_hessian_lower(std::span<const core::Expr> gradient, std::span<const core::Expr> vars);

}  // namespace nabla::codegen

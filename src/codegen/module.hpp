// module.hpp — what a generated source contains: one shared program and the entry points over it.
#pragma once

#include "codegen/sparse.hpp"
#include "core/expr.hpp"
#include "tape/program.hpp"

#include <string>
#include <vector>

namespace nabla::codegen {

enum class GradientMethod {
    Auto,      // whichever of the two has fewer instructions (value and gradient together)
    Adjoint,   // reverse mode over the value's program
    Symbolic,  // diff::gradient, lowered with common sub-expressions shared
};

// What to generate: `nabla codegen` fills this from its command line.
struct Spec {
    std::string name = "f";          // a C identifier: the prefix of every entry point
    std::vector<core::Expr> exprs;   // one: a scalar function; several: a vector function
    std::vector<core::Expr> vars;    // x[i] is vars[i]
    std::vector<core::Expr> params;  // p[k] is params[k]: inputs held constant, not differentiated;
                                     // when not empty, value entry points take `const double* p`
    bool hessian = false;            // scalar only: dense and sparse Hessian
    bool jacobian = false;           // dense and sparse Jacobian (always for several exprs)
    bool batch = false;              // batch variants of the Hessian and Jacobian values too
    GradientMethod gradient = GradientMethod::Auto;
};

// One store of an entry point: array[index] = value (index k stands for k*m + i in batches).
struct Store {
    std::string array;
    std::size_t index;
    tape::Ref value;
};

// One extern "C" entry point computing values of the program.
struct EntryPoint {
    std::string name;
    std::vector<std::string> outputs;  // names of the output arrays (double*), after the inputs
    std::string comment;
    bool batch = false;
    bool returns = false;        // returns `result` as a double, else void
    tape::Ref result;
    std::vector<Store> stores;
    const char* zero_array = nullptr;  // an array set to zero first (dense matrices)
    std::size_t zero_count = 0;
};

// A sparsity pattern's entry points: PREFIX_nnz, PREFIX_pattern (COO), PREFIX_csr.
struct Pattern {
    std::string prefix;
    SparseMatrix shape;  // values unused
};

struct Module {
    std::string name;
    std::vector<std::string> header;  // comment lines at the top
    tape::Program program{0};
    std::vector<EntryPoint> entry_points;
    std::vector<Pattern> patterns;
};

// Differentiates, lowers and assembles the entry points of `spec` (docs/codegen.md).
// Throws nabla::Error on a bad name, a symbol in neither vars nor params, a symbol in both,
// or an option that does not apply (a Hessian of several expressions).
Module build_module(const Spec& spec);

}  // namespace nabla::codegen

// request.hpp — one calculus request (diff, grad, ...) as text in, expressions out.
// The CLI and the JSONL batch go through run(), the REPL (which expands its definitions first)
// through compute(): every operation is computed in one place, so they always agree.
#pragma once

#include "core/expr.hpp"
#include "diff/steps.hpp"
#include "eval/eval.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nabla::frontend {

enum class Operation { Diff, Grad, Jacobian, Hessian, Eval, Simplify, Expand, Together, Cancel, Factor, Collect };

std::optional<Operation> op_from_name(std::string_view name);
std::string_view op_name(Operation op);  // as the batch and the command line spell it

struct Request {
    Operation op = Operation::Simplify;
    std::vector<std::string> exprs;                   // one, or several for a Jacobian
    std::optional<std::vector<std::string>> vars;     // absent: every symbol, naturally sorted
    std::vector<std::pair<std::string, std::string>> at;  // eval: name -> value, a constant expression
    bool steps = false;                               // record the derivations too
    std::optional<std::size_t> digits;                // eval: to that many significant digits (MPFR)
};

struct Response {
    enum class Shape { Scalar, Vector, Matrix, Value } shape = Shape::Scalar;
    std::vector<std::vector<core::Expr>> rows;  // Scalar: 1x1, Vector: 1xn, Matrix: m x n
    std::vector<core::Expr> vars;               // the variables used, in order
    eval::Value value{};                        // Shape::Value only
    std::string decimal;                        // eval with digits: the value to that many digits
    // With steps: diff, one derivation per variable in order; grad, one per variable; jacobian,
    // one per entry, row by row; hessian, the gradient's, then one per entry of the lower
    // triangle from the gradient entry it differentiates (row by row), so shared steps show once.
    std::vector<diff::Derivation> steps;
};

// A request with its expressions parsed.
struct Task {
    Operation op = Operation::Simplify;
    std::vector<core::Expr> exprs;                          // one, or several for a Jacobian
    std::optional<std::vector<core::Expr>> vars;            // absent: every symbol, naturally sorted
    std::vector<std::pair<core::Expr, core::Expr>> at;      // eval: symbol -> value, any constant expression
    bool steps = false;                                     // record the derivations too
    std::optional<std::size_t> digits;                      // eval: to that many significant digits (MPFR)
};

// Throws nabla::Error: for diff or collect without variables of an expression that has
// several, a symbol given twice in `at` or in the variables of grad, jacobian or hessian, a value
// that is not constant ("no value for 'y'").
Response compute(const Task& task);

// The operations from one expression to one, without variables: simplify, expand, together,
// cancel and factor.
bool is_rewrite(Operation op);
core::Expr rewrite(Operation op, const core::Expr& e);  // throws InternalError for another op

// Throws nabla::Error; a ParseError's position is an offset into the expression it names:
// `failed_expr` (when given) receives that expression's index in request.exprs.
Response run(const Request& request, std::size_t* failed_expr = nullptr);

// The text of an EXPR argument: literal text, @FILE (the file's contents), or - (standard
// input). Throws nabla::Error when the file cannot be read.
std::string expression_text(const std::string& arg);

// The first item that occurs twice in `items`, if any: 'x' in x, y, x.
template <class T>
std::optional<T> repeated(std::span<const T> items) {
    for (std::size_t i = 1; i < items.size(); ++i)
        if (std::find(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(i), items[i]) != items.begin() + static_cast<std::ptrdiff_t>(i))
            return items[i];
    return std::nullopt;
}

// Parses a comma- or space-separated variable list, checking every name.
std::vector<std::string> split_names(std::string_view list);

// The symbols named; throws nabla::Error for a name that is not a variable name.
std::vector<core::Expr> symbols_named(const std::vector<std::string>& names);

}  // namespace nabla::frontend

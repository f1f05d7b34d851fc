// code.cpp — :code, through the same code generator as `nabla codegen`.
#include "frontend/repl/code.hpp"

#include <algorithm>

#include "codegen/emit_cpp.hpp"
#include "core/build.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "frontend/repl/expand.hpp"

namespace nabla::repl {

std::string generated_code(const frontend::Response& r, std::string_view statement, std::size_t at) {
    if (r.shape == frontend::Response::Shape::Value)
        throw Error(":code needs an expression, and this result is a number",
                    core::char_offset(statement, at));
    codegen::Spec spec;
    for (const auto& row : r.rows) spec.exprs.insert(spec.exprs.end(), row.begin(), row.end());
    // The result's own variables first (grad(f, [y, x]) keeps y, x), then any others.
    spec.vars = r.vars;
    for (const core::Expr& s : core::free_symbols(spec.exprs))
        if (std::find(spec.vars.begin(), spec.vars.end(), s) == spec.vars.end()) spec.vars.push_back(s);
    try {
        return codegen::generate_cpp(spec);
    } catch (const Error&) {
        rethrow_at(statement, at);
    }
}

}  // namespace nabla::repl

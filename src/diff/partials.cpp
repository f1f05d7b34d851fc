// partials.cpp — the partial derivatives of functions.def parsed into expressions over u and v.
#include "diff/partials.hpp"

#include "core/build.hpp"
#include "core/error.hpp"
#include "core/function_table.hpp"
#include "parse/parse.hpp"

#include <array>
#include <string_view>

namespace nabla::diff {
namespace {

struct Parsed {
    std::array<std::array<core::Expr, 2>, core::func_count> partials;
    core::Expr u = core::sym("u"), v = core::sym("v");
};

const Parsed& parsed() {
    static const Parsed table = [] {
        Parsed p;
        for (int f = 0; f < core::func_count; ++f) {
            const core::FunctionRow& row = core::function_row(static_cast<core::Func>(f));
            for (int k = 0; k < row.arity; ++k) p.partials[f][k] = parse::parse(row.partial[k]);
        }
        return p;
    }();
    return table;
}

}  // namespace

core::Expr function_partial(core::Func f, std::size_t which, std::span<const core::Expr> args) {
    const Parsed& p = parsed();
    const core::Expr& row = p.partials[static_cast<std::size_t>(f)][which];
    if (row.is_number()) return row;
    const core::Expr from[] = {p.u, p.v};
    const core::Expr to[] = {args[0], args.size() > 1 ? args[1] : p.v};
    return core::substitute(row, std::span(from, args.size()), std::span(to, args.size()));
}

}  // namespace nabla::diff

// rules.cpp — derivatives.def parsed into expressions over the placeholders u and v.
#include "diff/rules.hpp"

#include "core/build.hpp"
#include "core/error.hpp"
#include "parse/parse.hpp"

#include <array>
#include <string_view>

namespace nabla::diff {
namespace {

struct Row {
    std::string_view du, dv;
};

constexpr std::array<Row, core::func_count> rows = [] {
    std::array<Row, core::func_count> r{};
#define NABLA_DERIV(id, du, dv) r[static_cast<std::size_t>(core::Func::id)] = Row{du, dv};
#include "diff/derivatives.def"
#undef NABLA_DERIV
    return r;
}();

struct Parsed {
    std::array<std::array<core::Expr, 2>, core::func_count> partials;
    core::Expr u = core::sym("u"), v = core::sym("v");
};

const Parsed& parsed() {
    static const Parsed table = [] {
        Parsed p;
        for (std::size_t f = 0; f < rows.size(); ++f) {
            if (rows[f].du.empty()) continue;
            p.partials[f][0] = parse::parse(rows[f].du);
            if (!rows[f].dv.empty()) p.partials[f][1] = parse::parse(rows[f].dv);
        }
        return p;
    }();
    return table;
}

}  // namespace

bool has_rule(core::Func f) {
    const Row& r = rows[static_cast<std::size_t>(f)];
    return !r.du.empty() && (core::func_arity(f) == 1 || !r.dv.empty());
}

core::Expr function_partial(core::Func f, std::size_t which, std::span<const core::Expr> args) {
    const Parsed& p = parsed();
    const core::Expr& row = p.partials[static_cast<std::size_t>(f)][which];
    NABLA_ASSERT(!row.is_null(), "no derivative row for " + std::string(core::func_name(f)));
    if (row.is_number()) return row;
    const core::Expr from[] = {p.u, p.v};
    const core::Expr to[] = {args[0], args.size() > 1 ? args[1] : p.v};
    return core::substitute(row, std::span(from, args.size()), std::span(to, args.size()));
}

}  // namespace nabla::diff

// workbench.cpp — reading the workbench calls' arguments; the work is diff::taylor and
// opt::critical_points.
#include "frontend/repl/workbench.hpp"

#include <array>
#include <charconv>
#include <cmath>

#include "core/build.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "diff/calculus.hpp"
#include "diff/series.hpp"
#include "opt/critical.hpp"
#include "parse/parse.hpp"

namespace nabla::repl {
namespace {

using core::Expr;

constexpr std::array<std::string_view, 3> functions{"subs", "series", "taylor"};

Expr variable(const std::string& name, std::size_t at, const Scope& scope) {
    if (!parse::is_variable_name(name)) throw error_at(scope.text, at, "'" + name + "' is not a variable name");
    return core::sym(name);
}

// x = value (or, with `bare`, x alone for x = 0), in the order written.
std::vector<std::pair<Expr, Expr>> points(Arguments args, const Scope& scope, bool bare, const char* usage) {
    std::vector<std::pair<Expr, Expr>> out;
    for (const ast::Argument& a : args) {
        std::pair<Expr, Expr> p;
        if (const ast::Binding* b = binding_of(a)) {
            if (b->upper) throw error_at(scope.text, begin_of(*b->upper), "a range low:high is only for :plot");
            p = {variable(b->name, begin_of(a), scope), expand(b->value, scope)};
        } else if (const ast::Name* n = name_of(a); n && bare) {
            p = {variable(n->name, begin_of(a), scope), core::num(0)};
        } else {
            throw error_at(scope.text, begin_of(a), std::string("expected ") + usage);
        }
        for (const auto& [x, v] : out)
            if (x == p.first) throw error_at(scope.text, begin_of(a), "'" + x.name() + "' is given twice");
        out.push_back(std::move(p));
    }
    return out;
}

Expr substitution(std::size_t at, Arguments args, const Scope& scope) {
    if (args.size() < 2) throw error_at(scope.text, at, "expected an expression, then values: subs(f, x = 1)");
    const Expr f = expand(args[0], scope);
    std::vector<Expr> from, to;
    for (const auto& [x, v] : points(args.subspan(1), scope, false, "a value like x = 1"))
        from.push_back(x), to.push_back(v);
    return core::substitute(f, from, to);
}

Expr series(std::string_view name, std::size_t at, Arguments args, const Scope& scope) {
    const bool several = name == "taylor";
    if (args.empty()) throw error_at(scope.text, at, "expected an expression, then the point: series(f, x = 0, 5)");
    const Expr f = expand(args[0], scope);
    Arguments rest = args.subspan(1);
    std::size_t order = several ? 2 : 5;
    if (!rest.empty())
        if (const ast::Number* n = number_of(rest.back())) {
            const std::string& digits = n->text;
            const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), order);
            if (ec != std::errc() || end != digits.data() + digits.size())
                throw error_at(scope.text, begin_of(rest.back()), "expected the order: a whole number");
            rest = rest.first(rest.size() - 1);
        }
    std::vector<std::pair<Expr, Expr>> at_point = points(rest, scope, true, "the point, like x = 0");
    if (at_point.empty()) {
        const std::vector<Expr> vars = diff::default_variables(std::span(&f, 1));
        if (!several && vars.size() > 1)
            throw error_at(scope.text, at, "series needs the variable: the expression has several");
        for (const Expr& x : vars) at_point.emplace_back(x, core::num(0));
    }
    if (!several && at_point.size() > 1)
        throw error_at(scope.text, at, "series is in one variable; taylor(f, x = a, y = b) takes several");
    try {
        return diff::taylor(f, at_point, order);
    } catch (const Error&) {
        rethrow_at(scope.text, at);
    }
}

std::string number_text(double v) {
    if (std::abs(v) < 1e-9) v = 0;  // -0 and the dust Newton leaves near a degenerate point read as 0
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.10g", v);
    return buffer;
}

}  // namespace

bool is_workbench_function(std::string_view name) {
    return std::find(functions.begin(), functions.end(), name) != functions.end();
}

Expr workbench_value(std::string_view name, std::size_t at, Arguments args, const Scope& scope) {
    if (name == "subs") return substitution(at, args, scope);
    return series(name, at, args, scope);
}

std::string critical_report(std::size_t at, Arguments args, const Scope& scope) {
    if (args.empty() || args.size() > 2)
        throw error_at(scope.text, at, "expected an expression, then optionally its variables: critical(f, [x, y])");
    const Expr f = expand(args[0], scope);
    std::vector<Expr> vars;
    if (args.size() == 2) {
        const ast::List* list = list_of(args[1]);
        const ast::Name* name = name_of(args[1]);
        if (!list && !name) throw error_at(scope.text, begin_of(args[1]), "expected the variables, like [x, y]");
        for (const ast::Argument& v : list ? Arguments(list->items) : args.subspan(1)) {
            const ast::Name* n = name_of(v);
            if (!n) throw error_at(scope.text, begin_of(v), "expected a variable name");
            vars.push_back(variable(n->name, begin_of(v), scope));
        }
    } else {
        vars = diff::default_variables(std::span(&f, 1));
    }
    opt::CriticalSearch search;
    try {
        search = opt::critical_points(f, vars);
    } catch (const Error&) {
        rethrow_at(scope.text, at);
    }
    std::string out;
    const std::size_t n = search.points.size();
    out += (n == 0 ? std::string("no") : std::to_string(n)) + " critical point" + (n == 1 ? "" : "s") +
           " found from " + std::to_string(search.starts) + " starts in [-2, 2]" + (n == 0 ? "\n" : ":\n");
    constexpr std::size_t shown = 20;  // a whole curve of stationary points is not listed
    bool degenerate = false;
    for (std::size_t k = 0; k < std::min(n, shown); ++k) {
        const opt::CriticalPoint& p = search.points[k];
        degenerate = degenerate || p.kind == opt::CriticalKind::Degenerate;
        std::string where;
        for (std::size_t i = 0; i < vars.size(); ++i)
            where += (i ? ", " : "") + vars[i].name() + " = " + number_text(p.x[static_cast<Eigen::Index>(i)]);
        std::string eigenvalues;
        for (Eigen::Index i = 0; i < p.eigenvalues.size(); ++i)
            eigenvalues += (i ? ", " : "") + number_text(p.eigenvalues[i]);
        out += "  " + where + "   value " + number_text(p.value) + "   " + opt::critical_kind_name(p.kind) +
               " (Hessian eigenvalues " + eigenvalues + ")\n";
    }
    if (n > shown) out += "  ... and " + std::to_string(n - shown) + " more\n";
    if (degenerate) out += "degenerate: the Hessian is singular there, so the second-derivative test decides nothing\n";
    return out;
}

}  // namespace nabla::repl

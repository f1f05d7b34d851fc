// request.cpp — parsing the request's texts and calling the calculus library.
#include "frontend/request.hpp"

#include "core/build.hpp"
#include "core/double.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"
#include "diff/calculus.hpp"
#include "diff/steps.hpp"
#include "eval/mpfr.hpp"
#include "frontend/io.hpp"
#include "frontend/optimize_text.hpp"
#include "parse/parse.hpp"
#include "simplify/algebra.hpp"
#include "simplify/simplify.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <fstream>
#include <iostream>

namespace nabla::frontend {
namespace {

using core::Expr;

std::vector<Expr> parse_all(const Request& r, std::size_t* failed_expr) {
    std::vector<Expr> out;
    for (std::size_t i = 0; i < r.exprs.size(); ++i) {
        if (failed_expr) *failed_expr = i;
        out.push_back(parse::parse(r.exprs[i]));
    }
    return out;
}

std::vector<Expr> variables(const Task& t) { return t.vars ? *t.vars : diff::default_variables(t.exprs); }

// The values of `at`, parsed; a parse error names the variable.
std::vector<std::pair<Expr, Expr>> values(const Request& r) {
    std::vector<std::pair<Expr, Expr>> at;
    for (const auto& [name, text] : r.at) {
        const Expr symbol = symbols_named({name})[0];
        try {
            at.emplace_back(symbol, parse::parse(text));
        } catch (const Error& e) {
            throw Error("value of " + name + ": " + e.what());
        }
    }
    return at;
}

// f with the point substituted and folded: substituting first keeps values such as pi/3 exact
// (cos(x) at x = pi/3 is 1/2).
Expr at_point(const Expr& f, const std::vector<std::pair<Expr, Expr>>& at) {
    std::vector<Expr> names, values;
    for (const auto& [name, value] : at) {
        names.push_back(name);
        values.push_back(value);
    }
    if (const auto twice = repeated<Expr>(names)) throw Error("'" + twice->name() + "' is given twice");
    return core::substitute(f, names, values);
}

// The value to `digits` significant digits (and exact when it is), in `out`.
void digits_at(const Expr& f, const std::vector<std::pair<Expr, Expr>>& at, std::size_t digits, Response& out) {
    const Expr v = at_point(f, at);
    out.decimal = eval::decimal_value(v, digits);
    if (v.is_number()) out.value = {core::to_double(v.value()), v.value()};
    else out.value = {std::strtod(out.decimal.c_str(), nullptr), std::nullopt};
}

// The variables of grad, jacobian or hessian, each once.
std::vector<Expr> distinct_variables(const Task& t) {
    std::vector<Expr> vars = variables(t);
    if (const auto twice = repeated<Expr>(vars)) throw Error("'" + twice->name() + "' is given twice in the variables");
    return vars;
}

constexpr std::array<std::pair<std::string_view, Operation>, 11> op_names{{
    {"diff", Operation::Diff}, {"grad", Operation::Grad}, {"jacobian", Operation::Jacobian},
    {"hessian", Operation::Hessian}, {"eval", Operation::Eval}, {"simplify", Operation::Simplify},
    {"expand", Operation::Expand}, {"together", Operation::Together}, {"cancel", Operation::Cancel},
    {"factor", Operation::Factor}, {"collect", Operation::Collect}}};

}  // namespace

std::optional<Operation> op_from_name(std::string_view name) {
    for (const auto& [n, op] : op_names)
        if (n == name) return op;
    return std::nullopt;
}

std::string_view op_name(Operation op) {
    for (const auto& [n, o] : op_names)
        if (o == op) return n;
    return {};
}

std::vector<std::string> split_names(std::string_view list) {
    std::vector<std::string> names;
    std::string current;
    for (char c : list) {
        if (c == ',' || c == ' ' || c == '\t') {
            if (!current.empty()) names.push_back(std::move(current));
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.empty()) names.push_back(std::move(current));
    return names;
}

std::string expression_text(const std::string& arg) {
    if (arg == "-") return read_all(std::cin, "standard input");
    if (arg.size() > 1 && arg[0] == '@') {
        const std::string path = arg.substr(1);
        std::ifstream in(path, std::ios::binary);
        if (!in) throw Error("cannot read file '" + path + "'");
        return read_all(in, "file '" + path + "'");
    }
    return arg;
}

std::vector<Expr> symbols_named(const std::vector<std::string>& names) {
    std::vector<Expr> symbols;
    for (const std::string& name : names) {
        if (!parse::is_variable_name(name))
            throw Error("'" + name + "' is not a variable name (letters, digits and _, not a number, "
                        "constant or function)");
        symbols.push_back(core::sym(name));
    }
    return symbols;
}

bool is_rewrite(Operation op) {
    return op == Operation::Simplify || op == Operation::Expand || op == Operation::Together || op == Operation::Cancel || op == Operation::Factor;
}

Expr rewrite(Operation op, const Expr& e) {
    switch (op) {
    case Operation::Expand: return simplify::expand(e);
    case Operation::Together: return simplify::together(e);
    case Operation::Cancel: return simplify::cancel(e);
    case Operation::Factor: return simplify::factor(e);
    case Operation::Simplify: return simplify::simplify(e);
    default: break;
    }
    throw InternalError("rewrite: not an operation of one expression");
}

Response run(const Request& r, std::size_t* failed_expr) {
    if (r.exprs.empty()) throw Error("no expression given");
    if (r.op != Operation::Jacobian && r.exprs.size() != 1) throw Error("expected exactly one expression");
    Task task{r.op, parse_all(r, failed_expr), std::nullopt, {}, r.steps, r.digits};
    if (failed_expr) *failed_expr = 0;
    if (r.vars) task.vars = symbols_named(*r.vars);
    task.at = values(r);
    return compute(task);
}

Response compute(const Task& t) {
    NABLA_ASSERT(!t.exprs.empty() && (t.op == Operation::Jacobian || t.exprs.size() == 1),
                 "compute: one expression, or several for a Jacobian");
    const Expr& f = t.exprs[0];
    Response out;
    auto one_variable_unless_given = [&](const char* what) {
        if (!t.vars && out.vars.size() > 1)
            throw Error(std::string(what) + " needs the variables to " + (t.op == Operation::Diff ? "differentiate" : "collect")
                        + " by: the expression has several (" + joined_names(out.vars) + ")");
    };
    switch (t.op) {
    case Operation::Simplify:
    case Operation::Expand:
    case Operation::Together:
    case Operation::Cancel:
    case Operation::Factor:
        out.rows = {{rewrite(t.op, f)}};
        return out;
    case Operation::Collect:
        out.vars = variables(t);
        one_variable_unless_given("collect");
        out.rows = {{simplify::collect(f, out.vars)}};
        return out;
    case Operation::Eval:
        out.shape = Response::Shape::Value;
        if (t.digits) digits_at(f, t.at, *t.digits, out);
        else out.value = eval::evaluate(at_point(f, t.at), {});
        return out;
    case Operation::Diff: {
        out.vars = variables(t);
        one_variable_unless_given("diff");
        if (out.vars.empty()) throw Error("diff needs at least one variable");
        if (out.vars.size() > limits::max_diff_order)
            throw LimitError("at most " + std::to_string(limits::max_diff_order) + " successive derivatives");
        if (!t.steps) {
            out.rows = {{diff::partial(f, out.vars)}};
            return out;
        }
        Expr d = f;  // as diff::partial does, one variable after the other, recording
        for (const Expr& x : out.vars) {
            out.steps.push_back(diff::derivation(d, x));
            d = out.steps.back().result;
        }
        out.rows = {{d}};
        return out;
    }
    case Operation::Grad:
        out.shape = Response::Shape::Vector;
        out.vars = distinct_variables(t);
        out.rows = {diff::gradient(f, out.vars)};
        if (t.steps)
            for (const Expr& x : out.vars) out.steps.push_back(diff::derivation(f, x));
        return out;
    case Operation::Jacobian:
        out.shape = Response::Shape::Matrix;
        out.vars = distinct_variables(t);
        out.rows = diff::jacobian(t.exprs, out.vars);
        if (t.steps)
            for (const Expr& g : t.exprs)
                for (const Expr& x : out.vars) out.steps.push_back(diff::derivation(g, x));
        return out;
    case Operation::Hessian:
        out.shape = Response::Shape::Matrix;
        out.vars = distinct_variables(t);
        out.rows = diff::hessian(f, out.vars);
        if (t.steps) {
            for (const Expr& x : out.vars) out.steps.push_back(diff::derivation(f, x));
            for (std::size_t i = 0; i < out.vars.size(); ++i)
                for (std::size_t j = 0; j <= i; ++j)
                    out.steps.push_back(diff::derivation(out.steps[i].result, out.vars[j]));
        }
        return out;
    }
    return out;
}

}  // namespace nabla::frontend

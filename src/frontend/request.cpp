// request.cpp — parsing the request's texts and calling the calculus library.
#include "frontend/request.hpp"

#include "core/build.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"
#include "diff/calculus.hpp"
#include "diff/steps.hpp"
#include "frontend/io.hpp"
#include "parse/parse.hpp"
#include "simplify/algebra.hpp"
#include "simplify/simplify.hpp"

#include <array>
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

std::vector<Expr> variables(const Request& r, std::span<const Expr> exprs) {
    if (!r.vars) return diff::default_variables(exprs);
    return symbols_named(*r.vars);
}

eval::Point point(const Request& r) {
    eval::Point at;
    for (const auto& [name, text] : r.at) {
        if (!parse::is_variable_name(name)) throw Error("'" + name + "' is not a variable name");
        Expr v;
        try {
            v = parse::parse(text);
        } catch (const Error& e) {
            throw Error("value of " + name + ": " + e.what());
        }
        if (!v.is_number()) throw Error("the value of " + name + " must be a rational number, got '" + text + "'");
        at.insert_or_assign(name, v.value());
    }
    return at;
}

constexpr std::array<std::pair<std::string_view, Op>, 11> op_names{{
    {"diff", Op::Diff}, {"grad", Op::Grad}, {"jacobian", Op::Jacobian},
    {"hessian", Op::Hessian}, {"eval", Op::Eval}, {"simplify", Op::Simplify},
    {"expand", Op::Expand}, {"together", Op::Together}, {"cancel", Op::Cancel},
    {"factor", Op::Factor}, {"collect", Op::Collect}}};

}  // namespace

std::optional<Op> op_from_name(std::string_view name) {
    for (const auto& [n, op] : op_names)
        if (n == name) return op;
    return std::nullopt;
}

std::string_view op_name(Op op) {
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

bool is_rewrite(Op op) {
    return op == Op::Simplify || op == Op::Expand || op == Op::Together || op == Op::Cancel || op == Op::Factor;
}

Expr rewrite(Op op, const Expr& e) {
    switch (op) {
    case Op::Expand: return simplify::expand(e);
    case Op::Together: return simplify::together(e);
    case Op::Cancel: return simplify::cancel(e);
    case Op::Factor: return simplify::factor(e);
    case Op::Simplify: return simplify::simplify(e);
    default: break;
    }
    throw InternalError("rewrite: not an operation of one expression");
}

Result run(const Request& r, std::size_t* failed_expr) {
    if (r.exprs.empty()) throw Error("no expression given");
    if (r.op != Op::Jacobian && r.exprs.size() != 1) throw Error("expected exactly one expression");
    const std::vector<Expr> exprs = parse_all(r, failed_expr);
    if (failed_expr) *failed_expr = 0;
    Result out;
    switch (r.op) {
    case Op::Simplify:
    case Op::Expand:
    case Op::Together:
    case Op::Cancel:
    case Op::Factor:
        out.rows = {{rewrite(r.op, exprs[0])}};
        return out;
    case Op::Collect:
        out.vars = variables(r, exprs);
        if (!r.vars && out.vars.size() > 1)
            throw Error("collect needs the variables to collect by: the expression has several");
        out.rows = {{simplify::collect(exprs[0], out.vars)}};
        return out;
    case Op::Eval:
        out.shape = Result::Shape::Value;
        out.value = eval::evaluate(exprs[0], point(r));
        return out;
    case Op::Diff: {
        out.vars = variables(r, exprs);
        if (!r.vars && out.vars.size() > 1)
            throw Error("diff needs the variables to differentiate by: the expression has several");
        if (out.vars.empty()) throw Error("diff needs at least one variable");
        if (out.vars.size() > limits::max_diff_order)
            throw LimitError("at most " + std::to_string(limits::max_diff_order) + " successive derivatives");
        if (!r.steps) {
            out.rows = {{diff::partial(exprs[0], out.vars)}};
            return out;
        }
        Expr f = exprs[0];  // as diff::partial does, one variable after the other, recording
        for (const Expr& x : out.vars) {
            out.steps.push_back(diff::derivation(f, x));
            f = out.steps.back().result;
        }
        out.rows = {{f}};
        return out;
    }
    case Op::Grad:
        out.shape = Result::Shape::Vector;
        out.vars = variables(r, exprs);
        out.rows = {diff::gradient(exprs[0], out.vars)};
        return out;
    case Op::Jacobian:
        out.shape = Result::Shape::Matrix;
        out.vars = variables(r, exprs);
        out.rows = diff::jacobian(exprs, out.vars);
        return out;
    case Op::Hessian:
        out.shape = Result::Shape::Matrix;
        out.vars = variables(r, exprs);
        out.rows = diff::hessian(exprs[0], out.vars);
        return out;
    }
    return out;
}

}  // namespace nabla::frontend

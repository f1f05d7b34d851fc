// operations.cpp — reading the operations' arguments and calling the calculus library.
#include "frontend/repl/operations.hpp"

#include <algorithm>
#include <charconv>

#include "core/build.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"
#include "diff/calculus.hpp"
#include "diff/diff.hpp"
#include "eval/eval.hpp"
#include "frontend/optimize_text.hpp"
#include "frontend/repl/statement.hpp"
#include "frontend/steps_text.hpp"
#include "opt/minimize.hpp"
#include "parse/parse.hpp"
#include "simplify/algebra.hpp"

namespace nabla::repl {
namespace {

using core::Expr;
using frontend::Operation;
using frontend::Response;
using K = Token::Kind;

Error error_at(const Piece& at, const std::string& message) {
    return Error(message, char_offset(at.statement, at.begin));
}

std::string_view word(const Piece& p, const Token& t) { return p.text().substr(t.begin, t.end - t.begin); }

// The items of a [a, b, c] piece, or nothing when the piece is not a list.
std::optional<std::vector<Piece>> list_items(const Piece& piece) {
    const std::vector<Token> t = tokenize(piece.text());
    if (t.empty() || t[0].kind != K::Open || t[0].bracket != '[' || matching_close(t, 0) != t.size() - 1)
        return std::nullopt;
    return split_arguments({piece.statement, piece.begin + t[0].end, piece.begin + t.back().begin});
}

// Variables written as names or as one [x, y] list; with `counts`, a number after a name
// repeats it: diff(f, x, 3) is the third derivative.
void read_variables(std::span<const Piece> pieces, const Scope& scope, bool counts, std::vector<Expr>& out) {
    for (const Piece& p : pieces) {
        if (auto items = list_items(p)) {
            read_variables(*items, scope, counts, out);
            continue;
        }
        const std::vector<Token> t = tokenize(p.text());
        if (t.size() == 1 && t[0].kind == K::Number && counts && !out.empty()) {
            std::size_t n = 0;
            const std::string_view digits = word(p, t[0]);
            const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
            if (ec != std::errc() || end != digits.data() + digits.size() || n == 0)
                throw error_at(p, "expected how many times to differentiate: a whole number from 1");
            if (n > limits::max_diff_order)
                throw LimitError(
                    "at most " + std::to_string(limits::max_diff_order) + " successive derivatives",
                    char_offset(p.statement, p.begin));
            out.insert(out.end(), n - 1, out.back());
            continue;
        }
        if (t.size() != 1 || t[0].kind != K::Name) throw error_at(p, "expected a variable name");
        const std::string name(word(p, t[0]));
        if (!parse::is_variable_name(name) || is_reserved_name(name))
            throw error_at(p, "'" + name + "' is not a variable name");
        if (!scope.is_bound(name) && (scope.env.variable(name) || scope.env.function(name)))
            throw error_at(
                p, "'" + name + "' is defined, so it is not a variable here; :clear " + name + " forgets it");
        out.push_back(core::sym(name));
    }
}

// The name of a user function written alone (grad(f)), if the piece is one.
const Function* named_function(const Piece& p, const Scope& scope) {
    const std::vector<Token> t = tokenize(p.text());
    if (t.size() != 1 || t[0].kind != K::Name || scope.is_bound(word(p, t[0]))) return nullptr;
    return scope.env.function(word(p, t[0]));
}

// Given variables, else the parameters of functions given by name, else every symbol.
std::vector<Expr> variables(std::span<const Piece> given, std::span<const Piece> functions,
                            std::span<const Expr> exprs, const Scope& scope, bool counts = false) {
    std::vector<Expr> vars;
    read_variables(given, scope, counts, vars);
    if (!given.empty()) return vars;
    for (const Piece& p : functions) {
        const Function* f = named_function(p, scope);
        if (!f) return diff::default_variables(exprs);
        for (const Expr& x : f->params)
            if (std::find(vars.begin(), vars.end(), x) == vars.end()) vars.push_back(x);
    }
    return vars;
}

void need_arguments(const Piece& at, const std::vector<Piece>& args, std::size_t least, const char* usage) {
    if (args.size() < least ||
        std::any_of(args.begin(), args.end(), [](const Piece& p) { return p.blank(); }))
        throw error_at(at, std::string("expected ") + usage);
}

std::vector<Expr> diff_variables(const Piece& at, const std::vector<Piece>& args, const Expr& f,
                                 const Scope& scope) {
    std::vector<Expr> vars =
        variables(std::span(args).subspan(1), std::span(args).first(1), std::span(&f, 1), scope, true);
    if (args.size() == 1 && vars.size() > 1)
        throw error_at(at, "diff needs the variable to differentiate by: the expression has several (" +
                               frontend::joined_names(vars) + ")");
    if (vars.empty()) throw error_at(at, "diff needs a variable to differentiate by");
    if (vars.size() > limits::max_diff_order)
        throw LimitError("at most " + std::to_string(limits::max_diff_order) + " successive derivatives",
                         char_offset(at.statement, at.begin));
    return vars;
}

// The rows of a Jacobian: a [F, G] list, or one expression, or a list result (%N).
std::vector<Expr> functions_of(const Piece& p, const Scope& scope) {
    std::vector<Expr> out;
    if (auto items = list_items(p)) {
        for (const Piece& item : *items) out.push_back(expand(item, scope));
        if (out.empty()) throw error_at(p, "expected at least one function in the list");
        return out;
    }
    const std::vector<Token> t = tokenize(p.text());
    const bool reference =
        t.size() == 1 && (t[0].kind == K::Ref || (t[0].kind == K::Name && word(p, t[0]) == "ans"));
    if (reference) {
        std::size_t number = 0;
        if (t[0].kind == K::Ref) {
            const std::string_view digits = word(p, t[0]).substr(1);
            std::from_chars(digits.data(), digits.data() + digits.size(), number);
        }
        if (t[0].kind == K::Name || number > 0) {
            const Response& r = result_at(p, number, scope);
            if (r.shape == Response::Shape::Vector) return r.rows[0];
        }
    }
    out.push_back(expand(p, scope));
    return out;
}

// `x = 1/2`: the variable named and the piece that holds its value.
std::pair<Expr, Piece> binding(const Piece& p) {
    const std::vector<Token> t = tokenize(p.text());
    if (t.size() < 3 || t[0].kind != K::Name || t[1].kind != K::Equals)
        throw error_at(p, "expected a value like x = 1/2");
    const std::string name(word(p, t[0]));
    if (!parse::is_variable_name(name)) throw error_at(p, "'" + name + "' is not a variable name");
    return {core::sym(name), Piece{p.statement, p.begin + t[1].end, p.end}};
}

// A last argument that is a name alone, not `x = ...`, is the method; it is taken off the
// arguments.
opt::Method take_method(std::vector<Piece>& args) {
    const std::vector<Token> t = tokenize(args.back().text());
    if (args.size() < 2 || t.size() != 1 || t[0].kind != K::Name) return opt::Method::LBFGS;
    const auto method = opt::method_from_name(word(args.back(), t[0]));
    if (!method)
        throw error_at(args.back(),
                       "unknown method '" + std::string(args.back().text()) + "'; use gd, newton or lbfgs");
    args.pop_back();
    return *method;
}

// The values given as x = 1/2; the variables not given start at 0.
Eigen::VectorXd starting_point(std::span<const Piece> bindings, const std::vector<Expr>& vars,
                               const Scope& scope) {
    Eigen::VectorXd x0 = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(vars.size()));
    for (const Piece& p : bindings) {
        const auto [name, value] = binding(p);
        std::size_t index = 0;
        try {
            index = frontend::variable_index(vars, name.name());
        } catch (const Error&) {
            rethrow_at(p);
        }
        x0[static_cast<Eigen::Index>(index)] = number_of(value, scope);
    }
    return x0;
}

// The task of op(args): the arguments expanded, the variables resolved as documented in
// calculus.hpp, so that frontend::compute does the same work as for the CLI.
frontend::Task task_of(Operation op, const Piece& at, const std::vector<Piece>& args, const Scope& scope) {
    frontend::Task t;
    t.op = op;
    switch (op) {
    case Operation::Simplify:
    case Operation::Expand:
    case Operation::Together:
    case Operation::Cancel:
    case Operation::Factor:
        if (args.size() != 1 || args[0].blank()) throw error_at(at, "expected one expression");
        t.exprs = {expand(args[0], scope)};
        return t;
    case Operation::Collect:
        need_arguments(at, args, 1, "an expression, then the variables: collect(f, x) or collect(f, x, y)");
        t.exprs = {expand(args[0], scope)};
        if (args.size() > 1) t.vars = variables(std::span(args).subspan(1), {}, t.exprs, scope);
        return t;
    case Operation::Eval:
        need_arguments(at, args, 1, "an expression, then values like x = 1/2");
        t.exprs = {expand(args[0], scope)};
        for (const Piece& p : std::span(args).subspan(1)) {
            const auto [name, value] = binding(p);
            t.at.emplace_back(name, expand(value, scope));
        }
        return t;
    case Operation::Diff:
        need_arguments(at, args, 1, "an expression, then the variables: diff(f, x) or diff(f, x, y)");
        t.exprs = {expand(args[0], scope)};
        t.vars = diff_variables(at, args, t.exprs[0], scope);
        return t;
    case Operation::Grad:
    case Operation::Hessian:
        need_arguments(at, args, 1, "an expression, then optionally its variables: grad(f) or grad(f, [x, y])");
        t.exprs = {expand(args[0], scope)};
        t.vars = variables(std::span(args).subspan(1), std::span(args).first(1), t.exprs, scope);
        return t;
    case Operation::Jacobian: {
        need_arguments(at, args, 1, "the functions, then optionally the variables: jacobian([f, g], [x, y])");
        t.exprs = functions_of(args[0], scope);
        const std::vector<Piece> named = list_items(args[0]).value_or(std::vector<Piece>{args[0]});
        t.vars = variables(std::span(args).subspan(1), named, t.exprs, scope);
        return t;
    }
    }
    return t;
}

}  // namespace

Response run_operation(Operation op, const Piece& at, const std::vector<Piece>& args, const Scope& scope) {
    try {
        return frontend::compute(task_of(op, at, args, scope));
    } catch (const Error&) {
        rethrow_at(at);
    }
}

Expr derivative_of(const Piece& call, const std::vector<Piece>& args, const Scope& scope) {
    return run_operation(Operation::Diff, call, args, scope).rows[0][0];
}

std::string derivation_steps(const Piece& at, const std::vector<Piece>& args, const Scope& scope) {
    try {
        frontend::Task t = task_of(Operation::Diff, at, args, scope);
        t.steps = true;
        std::string out;
        for (const diff::Derivation& d : frontend::compute(t).steps) out += frontend::steps_text(d);
        return out;
    } catch (const Error&) {
        rethrow_at(at);
    }
}

double number_of(const Piece& p, const Scope& scope) {
    try {
        return eval::evaluate(expand(p, scope), {}).number;
    } catch (const Error&) {
        rethrow_at(p);
    }
}

Minimum minimize(const Piece& at, std::vector<Piece> args, const Scope& scope) {
    try {
        need_arguments(at, args, 1,
                       "an expression, then optionally a start like x = 1 and gd, newton or lbfgs");
        opt::Options options;  // the CLI's defaults: tolerance 1e-8, 1000 iterations
        options.method = take_method(args);
        const Expr f = expand(args[0], scope);
        const std::vector<Expr> vars = variables({}, std::span(args).first(1), std::span(&f, 1), scope);
        const Eigen::VectorXd x0 = starting_point(std::span(args).subspan(1), vars, scope);
        const opt::ExpressionObjective objective(f, vars);
        opt::SearchResult r;
        try {
            r = opt::minimize(objective, x0, options);
        } catch (const DomainError& e) {
            throw DomainError(std::string("at the starting point: ") + e.what(),
                              char_offset(args[0].statement, args[0].begin));
        }
        Minimum m;
        m.value.shape = Response::Shape::Value;
        m.value.value.number = r.value;
        // As `nabla optimize` says it: only a converged search found a minimum.
        m.report = std::string(r.converged ? "minimum" : "best value found") + " at\n" + frontend::point_text(vars, r.x) + frontend::outcome_text(r, opt::method_name(options.method));
        return m;
    } catch (const Error&) {
        rethrow_at(at);
    }
}

}  // namespace nabla::repl

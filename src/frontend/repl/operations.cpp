// operations.cpp — reading the operations' arguments and calling the calculus library.
#include "frontend/repl/operations.hpp"

#include <algorithm>
#include <charconv>

#include "core/build.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "core/limits.hpp"
#include "diff/calculus.hpp"
#include "diff/diff.hpp"
#include "eval/eval.hpp"
#include "frontend/optimize_text.hpp"
#include "frontend/repl/statement.hpp"
#include "frontend/steps_text.hpp"
#include "opt/minimize.hpp"
#include "parse/parse.hpp"

namespace nabla::repl {
namespace {

using core::Expr;
using frontend::Operation;
using frontend::Response;

// Variables written as names or as one [x, y] list; with `counts`, a number after a name
// repeats it: diff(f, x, 3) is the third derivative.
void read_variables(Arguments args, const Scope& scope, bool counts, std::vector<Expr>& out) {
    for (const ast::Argument& a : args) {
        if (const ast::List* list = list_of(a)) {
            read_variables(list->items, scope, counts, out);
            continue;
        }
        if (const ast::Number* number = number_of(a); number && counts && !out.empty()) {
            std::size_t n = 0;
            const std::string& digits = number->text;
            const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
            if (ec != std::errc() || end != digits.data() + digits.size() || n == 0)
                throw error_at(scope.text, begin_of(a), "expected how many times to differentiate: a whole number from 1");
            if (n > limits::max_diff_order)
                throw LimitError(
                    "at most " + std::to_string(limits::max_diff_order) + " successive derivatives",
                    core::char_offset(scope.text, begin_of(a)));
            out.insert(out.end(), n - 1, out.back());
            continue;
        }
        const ast::Name* name = name_of(a);
        if (!name) throw error_at(scope.text, begin_of(a), "expected a variable name");
        if (!parse::is_variable_name(name->name) || is_reserved_name(name->name))
            throw error_at(scope.text, begin_of(a), "'" + name->name + "' is not a variable name");
        if (!scope.is_bound(name->name) && (scope.env.variable(name->name) || scope.env.function(name->name)))
            throw error_at(scope.text, begin_of(a),
                           "'" + name->name + "' is defined, so it is not a variable here; :clear " + name->name +
                               " forgets it");
        out.push_back(core::sym(name->name));
    }
}

// The user function an argument names alone (grad(f)), if it is one.
const Function* named_function(const ast::Argument& a, const Scope& scope) {
    const ast::Name* name = name_of(a);
    if (!name || scope.is_bound(name->name)) return nullptr;
    return scope.env.function(name->name);
}

// Given variables, else the parameters of functions given by name, else every symbol.
std::vector<Expr> variables(Arguments given, Arguments functions, std::span<const Expr> exprs,
                            const Scope& scope, bool counts = false) {
    std::vector<Expr> vars;
    read_variables(given, scope, counts, vars);
    if (!given.empty()) return vars;
    for (const ast::Argument& a : functions) {
        const Function* f = named_function(a, scope);
        if (!f) return diff::default_variables(exprs);
        for (const Expr& x : f->params)
            if (std::find(vars.begin(), vars.end(), x) == vars.end()) vars.push_back(x);
    }
    return vars;
}

void need_arguments(std::size_t at, Arguments args, std::size_t least, const char* usage, const Scope& scope) {
    if (args.size() < least) throw error_at(scope.text, at, std::string("expected ") + usage);
}

std::vector<Expr> diff_variables(std::size_t at, Arguments args, const Expr& f, const Scope& scope) {
    std::vector<Expr> vars = variables(args.subspan(1), args.first(1), std::span(&f, 1), scope, true);
    if (args.size() == 1 && vars.size() > 1)
        throw error_at(scope.text, at,
                       "diff needs the variable to differentiate by: the expression has several (" +
                           frontend::joined_names(vars) + ")");
    if (vars.empty()) throw error_at(scope.text, at, "diff needs a variable to differentiate by");
    if (vars.size() > limits::max_diff_order)
        throw LimitError("at most " + std::to_string(limits::max_diff_order) + " successive derivatives",
                         core::char_offset(scope.text, at));
    return vars;
}

// The rows of a Jacobian: a [F, G] list, or one expression, or a list result (%N, ans).
std::vector<Expr> functions_of(const ast::Argument& a, const Scope& scope) {
    std::vector<Expr> out;
    if (const ast::List* list = list_of(a)) {
        for (const ast::Argument& item : list->items) out.push_back(expand(item, scope));
        if (out.empty()) throw error_at(scope.text, begin_of(a), "expected at least one function in the list");
        return out;
    }
    const ast::Reference* reference = reference_of(a);
    const ast::Name* name = name_of(a);
    if (reference || (name && name->name == "ans" && !scope.is_bound("ans"))) {
        std::size_t number = 0;
        if (reference) std::from_chars(reference->digits.data(), reference->digits.data() + reference->digits.size(), number);
        if (!reference || number > 0) {
            const Response& r = result_at(begin_of(a), number, scope);
            if (r.shape == Response::Shape::Vector) return r.rows[0];
        }
    }
    out.push_back(expand(a, scope));
    return out;
}

// `x = 1/2`: the variable named and the expression of its value.
std::pair<Expr, const ast::Sum*> binding(const ast::Argument& a, const Scope& scope) {
    const ast::Binding* b = binding_of(a);
    if (!b) throw error_at(scope.text, begin_of(a), "expected a value like x = 1/2");
    if (b->upper) throw error_at(scope.text, begin_of(*b->upper), "a range low:high is only for :plot");
    if (!parse::is_variable_name(b->name))
        throw error_at(scope.text, begin_of(a), "'" + b->name + "' is not a variable name");
    return {core::sym(b->name), &b->value};
}

// A last argument that is a name alone, not `x = ...`, is the method; it is taken off the
// arguments.
opt::Method take_method(Arguments& args, const Scope& scope) {
    const ast::Name* name = args.size() < 2 ? nullptr : name_of(args.back());
    if (!name) return opt::Method::LBFGS;
    const auto method = opt::method_from_name(name->name);
    if (!method)
        throw error_at(scope.text, begin_of(args.back()), "unknown method '" + name->name + "'; use gd, newton or lbfgs");
    args = args.first(args.size() - 1);
    return *method;
}

// The values given as x = 1/2; the variables not given start at 0.
Eigen::VectorXd starting_point(Arguments bindings, const std::vector<Expr>& vars, const Scope& scope) {
    Eigen::VectorXd x0 = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(vars.size()));
    for (const ast::Argument& a : bindings) {
        const auto [name, value] = binding(a, scope);
        std::size_t index = 0;
        try {
            index = frontend::variable_index(vars, name.name());
        } catch (const Error&) {
            rethrow_at(scope.text, begin_of(a));
        }
        x0[static_cast<Eigen::Index>(index)] = number_of(*value, scope);
    }
    return x0;
}

// The task of op(args): the arguments expanded, the variables resolved as documented in
// calculus.hpp, so that frontend::compute does the same work as for the CLI.
frontend::Task task_of(Operation op, std::size_t at, Arguments args, const Scope& scope) {
    frontend::Task t;
    t.op = op;
    switch (op) {
    case Operation::Simplify:
    case Operation::Expand:
    case Operation::Together:
    case Operation::Cancel:
    case Operation::Factor:
        if (args.size() != 1) throw error_at(scope.text, at, "expected one expression");
        t.exprs = {expand(args[0], scope)};
        return t;
    case Operation::Collect:
        need_arguments(at, args, 1, "an expression, then the variables: collect(f, x) or collect(f, x, y)", scope);
        t.exprs = {expand(args[0], scope)};
        if (args.size() > 1) t.vars = variables(args.subspan(1), {}, t.exprs, scope);
        return t;
    case Operation::Eval:
        need_arguments(at, args, 1, "an expression, then values like x = 1/2", scope);
        t.exprs = {expand(args[0], scope)};
        for (const ast::Argument& a : args.subspan(1)) {
            const auto [name, value] = binding(a, scope);
            t.at.emplace_back(name, expand(*value, scope));
        }
        return t;
    case Operation::Diff:
        need_arguments(at, args, 1, "an expression, then the variables: diff(f, x) or diff(f, x, y)", scope);
        t.exprs = {expand(args[0], scope)};
        t.vars = diff_variables(at, args, t.exprs[0], scope);
        return t;
    case Operation::Grad:
    case Operation::Hessian:
        need_arguments(at, args, 1, "an expression, then optionally its variables: grad(f) or grad(f, [x, y])", scope);
        t.exprs = {expand(args[0], scope)};
        t.vars = variables(args.subspan(1), args.first(1), t.exprs, scope);
        return t;
    case Operation::Jacobian: {
        need_arguments(at, args, 1, "the functions, then optionally the variables: jacobian([f, g], [x, y])", scope);
        t.exprs = functions_of(args[0], scope);
        const ast::List* list = list_of(args[0]);
        t.vars = variables(args.subspan(1), list ? Arguments(list->items) : args.first(1), t.exprs, scope);
        return t;
    }
    }
    return t;
}

}  // namespace

Response run_operation(Operation op, std::size_t at, Arguments args, const Scope& scope) {
    try {
        return frontend::compute(task_of(op, at, args, scope));
    } catch (const Error&) {
        rethrow_at(scope.text, at);
    }
}

Expr derivative_of(std::size_t at, Arguments args, const Scope& scope) {
    return run_operation(Operation::Diff, at, args, scope).rows[0][0];
}

std::string derivation_steps(std::size_t at, Arguments args, const Scope& scope) {
    try {
        frontend::Task t = task_of(Operation::Diff, at, args, scope);
        t.steps = true;
        std::string out;
        for (const diff::Derivation& d : frontend::compute(t).steps) out += frontend::steps_text(d);
        return out;
    } catch (const Error&) {
        rethrow_at(scope.text, at);
    }
}

double number_of(const ast::Sum& expression, const Scope& scope) {
    try {
        return eval::evaluate(expand(expression, scope), {}).number;
    } catch (const Error&) {
        rethrow_at(scope.text, begin_of(expression));
    }
}

Minimum minimize(std::size_t at, Arguments args, const Scope& scope) {
    try {
        need_arguments(at, args, 1, "an expression, then optionally a start like x = 1 and gd, newton or lbfgs", scope);
        opt::Options options;  // the CLI's defaults: tolerance 1e-8, 1000 iterations
        options.method = take_method(args, scope);
        const Expr f = expand(args[0], scope);
        const std::vector<Expr> vars = variables({}, args.first(1), std::span(&f, 1), scope);
        const Eigen::VectorXd x0 = starting_point(args.subspan(1), vars, scope);
        const opt::ExpressionObjective objective(f, vars);
        opt::SearchResult r;
        try {
            r = opt::minimize(objective, x0, options);
        } catch (const DomainError& e) {
            throw DomainError(std::string("at the starting point: ") + e.what(),
                              core::char_offset(scope.text, begin_of(args[0])));
        }
        Minimum m;
        m.value.shape = Response::Shape::Value;
        m.value.value.number = r.value;
        // As `nabla optimize` says it: only a converged search found a minimum.
        m.report = std::string(r.converged ? "minimum" : "best value found") + " at\n" +
                   frontend::point_text(vars, r.x) + frontend::outcome_text(r, opt::method_name(options.method));
        return m;
    } catch (const Error&) {
        rethrow_at(scope.text, at);
    }
}

}  // namespace nabla::repl

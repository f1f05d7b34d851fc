// optimize_cli.cpp — `nabla optimize EXPR --x0 ... --method gd|newton|lbfgs`.
#include "frontend/optimize_cli.hpp"

#include "core/error.hpp"
#include "diff/calculus.hpp"
#include "eval/eval.hpp"
#include "frontend/diagnostic.hpp"
#include "frontend/request.hpp"
#include "opt/minimize.hpp"
#include "parse/parse.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iostream>

namespace nabla::frontend {
namespace {

double number_value(const std::string& name, const std::string& text) {
    try {
        return eval::evaluate(parse::parse(text), {}).number;
    } catch (const Error& e) {
        throw Error("--x0: the value of " + name + " ('" + text + "'): " + e.what());
    }
}

// "x=1,y=-2" (the variables not named start at 0) or "1,-2" (a value for every variable, in
// order). Values are constant expressions: 1/3, -2.5e-3, pi/2.
Eigen::VectorXd starting_point(const std::string& text, const std::vector<core::Expr>& vars) {
    Eigen::VectorXd x = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(vars.size()));
    if (text.empty()) return x;
    std::vector<std::string> items;
    for (std::size_t from = 0;;) {
        const std::size_t comma = text.find(',', from);
        items.push_back(text.substr(from, comma == std::string::npos ? comma : comma - from));
        if (comma == std::string::npos) break;
        from = comma + 1;
    }
    const bool named = items[0].find('=') != std::string::npos;
    if (!named && items.size() != vars.size())
        throw Error(fmt::format("--x0: {} value(s) for {} variable(s); give name=value pairs or one value per variable",
                                items.size(), vars.size()));
    for (std::size_t k = 0; k < items.size(); ++k) {
        const std::size_t eq = items[k].find('=');
        if ((eq != std::string::npos) != named) throw Error("--x0: use name=value for every value or for none");
        if (!named) {
            x[static_cast<Eigen::Index>(k)] = number_value(vars[k].name(), items[k]);
            continue;
        }
        const std::string name = items[k].substr(0, eq);
        const auto it = std::find_if(vars.begin(), vars.end(), [&](const core::Expr& v) { return v.name() == name; });
        if (it == vars.end()) throw Error("--x0: '" + name + "' is not one of the variables");
        x[it - vars.begin()] = number_value(name, items[k].substr(eq + 1));
    }
    return x;
}

void print_text(const opt::Result& r, const std::vector<core::Expr>& vars, opt::Method method) {
    std::cout << fmt::format("minimum {:.12g} at\n", r.value);
    for (std::size_t k = 0; k < vars.size(); ++k)
        std::cout << fmt::format("  {} = {:.12g}\n", vars[k].name(), r.x[static_cast<Eigen::Index>(k)]);
    std::cout << (r.converged ? "converged: " : "not converged: ") << r.stop << " (" << opt::method_name(method);
    if (r.iterations) std::cout << ", " << *r.iterations << " iterations";
    std::cout << ", " << r.evaluations << " evaluations)\n";
}

void print_json(const opt::Result& r, const std::vector<core::Expr>& vars, opt::Method method) {
    nlohmann::ordered_json x = nlohmann::ordered_json::object();
    for (std::size_t k = 0; k < vars.size(); ++k) x[vars[k].name()] = r.x[static_cast<Eigen::Index>(k)];
    nlohmann::ordered_json out{{"ok", true},
                               {"method", opt::method_name(method)},
                               {"converged", r.converged},
                               {"stop", r.stop},
                               {"value", r.value},
                               {"x", x},
                               {"gradient_norm", r.gradient_norm},
                               {"iterations", r.iterations ? nlohmann::ordered_json(*r.iterations) : nullptr},
                               {"evaluations", r.evaluations}};
    std::cout << out.dump() << "\n";
}

}  // namespace

CLI::App* add_optimize_command(CLI::App& app, OptimizeOptions& o) {
    auto* cmd = app.add_subcommand("optimize", "Minimise EXPR from a starting point (docs/optimize.md)");
    cmd->add_option("expr", o.expr, "Expression to minimise")->required();
    cmd->add_option("--vars", o.vars, "Variable order (default: names sorted naturally)");
    cmd->add_option("--x0", o.x0, "Starting point: x=1,y=-2 or 1,-2 (default: every variable 0)");
    cmd->add_option("--method", o.method, "gd, newton or lbfgs (default)")
        ->check(CLI::IsMember({"gd", "newton", "lbfgs"}));
    cmd->add_option("--tol", o.tolerance, "Stop when the gradient's norm is at most this (default 1e-8)");
    cmd->add_option("--max-iter", o.max_iterations, "Iteration limit (default 1000)");
    cmd->add_option("--format", o.format, "Output: text or json")->check(CLI::IsMember({"text", "json"}));
    return cmd;
}

int run_optimize(const OptimizeOptions& o) {
    std::string text;
    try {
        text = expression_text(o.expr);
        const core::Expr f = parse::parse(text);
        text.clear();
        const std::vector<core::Expr> vars =
            o.vars.empty() ? diff::default_variables({&f, 1}) : symbols_named(split_names(o.vars));
        const opt::ExpressionObjective objective(f, vars);
        opt::Options options;
        options.method = *opt::method_from_name(o.method);
        options.tolerance = o.tolerance;
        options.max_iterations = o.max_iterations;
        const Eigen::VectorXd x0 = starting_point(o.x0, vars);
        opt::Result r;
        try {
            r = opt::minimize(objective, x0, options);
        } catch (const DomainError& e) {
            throw DomainError(std::string("at the starting point: ") + e.what());
        }
        if (o.format == "json") {
            print_json(r, vars, options.method);
        } else {
            print_text(r, vars, options.method);
        }
        return 0;
    } catch (const Error& e) {
        std::cerr << "nabla: " << describe(e, text);
        return 1;
    }
}

}  // namespace nabla::frontend

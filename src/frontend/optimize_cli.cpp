// optimize_cli.cpp — `nabla optimize EXPR --x0 ... --method gd|newton|lbfgs` and
// `nabla fit MODEL --data FILE.csv [--params ...]`.
#include "frontend/optimize_cli.hpp"

#include "core/build.hpp"
#include "core/error.hpp"
#include "diff/calculus.hpp"
#include "eval/eval.hpp"
#include "frontend/diagnostic.hpp"
#include "frontend/fit_params.hpp"
#include "frontend/fit_residuals.hpp"
#include "frontend/interrupt.hpp"
#include "frontend/io.hpp"
#include "frontend/optimize_text.hpp"
#include "frontend/request.hpp"
#include "frontend/search_progress.hpp"
#include "opt/compiled_objective.hpp"
#include "opt/data.hpp"
#include "opt/fit.hpp"
#include "opt/fit_statistics.hpp"
#include "opt/levenberg_marquardt.hpp"
#include "opt/minimize.hpp"
#include "opt/row_values.hpp"
#include "parse/parse.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>

namespace nabla::frontend {
namespace {

double number_value(const std::string& name, const std::string& text) {
    try {
        return eval::evaluate(parse::parse(text), {}).number;
    } catch (const Error& e) {
        throw Error("--x0: the value of " + name + " ('" + text + "'): " + e.what());
    }
}

// "x=1,y=-2" (the variables not named start at `unset`) or "1,-2" (a value for every
// variable, in order). Values are constant expressions: 1/3, -2.5e-3, pi/2.
Eigen::VectorXd starting_point(const std::string& text, const std::vector<core::Expr>& vars, double unset) {
    Eigen::VectorXd x = Eigen::VectorXd::Constant(static_cast<Eigen::Index>(vars.size()), unset);
    const std::vector<std::string> items = list_items(text);
    if (items.empty()) return x;
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
        std::size_t index = 0;
        try {
            index = variable_index(vars, name);
        } catch (const Error& e) {
            throw Error(std::string("--x0: ") + e.what());
        }
        x[static_cast<Eigen::Index>(index)] = number_value(name, items[k].substr(eq + 1));
    }
    return x;
}

// Values by name; a value that is not finite (an undetermined standard error) is null.
nlohmann::ordered_json point_json(const std::vector<core::Expr>& vars, const Eigen::VectorXd& x) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    for (std::size_t k = 0; k < vars.size(); ++k) {
        const double v = x[static_cast<Eigen::Index>(k)];
        out[vars[k].name()] = std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr);
    }
    return out;
}

// The fields every answer has, then the command's own, then the search's counts.
nlohmann::ordered_json answer_json(const opt::SearchResult& r, const std::string& method, const nlohmann::ordered_json& fields) {
    nlohmann::ordered_json out{{"ok", true}, {"method", method}, {"converged", r.converged},
                               {"stop", r.stop}};
    for (const auto& [key, value] : fields.items()) out[key] = value;
    out["gradient_norm"] = r.gradient_norm;
    out["iterations"] = r.iterations ? nlohmann::ordered_json(*r.iterations) : nullptr;
    out["evaluations"] = r.evaluations;
    return out;
}

// Exit status of a search: what DESIGN.md's contract says of a run that did not converge.
constexpr int not_converged_status = 3;

void add_search_options(CLI::App* cmd, OptimizeOptions& o, const std::string& x0_help, bool fit) {
    cmd->add_option("--x0", o.x0, x0_help);
    if (fit) {
        cmd->add_option("--method", o.method, "lm (default: Levenberg-Marquardt), gd, newton or lbfgs")
            ->check(CLI::IsMember({"lm", "gd", "newton", "lbfgs"}));
    } else {
        cmd->add_option("--method", o.method, "gd, newton or lbfgs (default)")
            ->check(CLI::IsMember({"gd", "newton", "lbfgs"}));
    }
    cmd->add_option("--tol", o.tolerance,
                    fit ? "lm: relative step and reduction tolerance (default 1e-14); others: gradient norm (default 1e-8)"
                        : "Stop when the gradient's norm is at most this (default 1e-8)");
    cmd->add_option("--max-iter", o.max_iterations,
                    fit ? "Iteration limit (default 1000; lm: evaluations, default 100000)" : "Iteration limit (default 1000)");
    cmd->add_option("--format", o.format, "Output: text or json")->check(CLI::IsMember({"text", "json"}));
    cmd->add_option("--trace", o.trace, "Write a CSV of every iteration: objective, gradient norm, step, the point");
    cmd->add_flag("--quiet", o.quiet,
                  fit ? "No progress line on a terminal, no warnings" : "No progress line on a terminal");
}

// The exit status of a search that Ctrl-C stopped, as a shell reports a death by SIGINT.
constexpr int interrupted_status = 130;

// A search's result, and whether Ctrl-C stopped it.
struct Outcome {
    opt::SearchResult result;
    bool interrupted = false;
    int status() const { return interrupted ? interrupted_status : result.converged ? 0 : not_converged_status; }
};

// Runs a search; a domain error there can only be about the starting point, and says so.
// Ctrl-C ends it with the best point so far.
template <class Run>
Outcome run_search(Run run) {
    try {
        return {run(), false};
    } catch (const opt::Interrupted& e) {
        return {e.best, true};
    } catch (const DomainError& e) {
        throw DomainError(std::string("at the starting point: ") + e.what());
    }
}

Outcome search(const opt::Objective& f, const Eigen::VectorXd& x0, const OptimizeOptions& o, opt::Observer observer) {
    opt::Options options;
    options.method = *opt::method_from_name(o.method);
    if (o.tolerance >= 0) options.tolerance = o.tolerance;
    if (o.max_iterations != 0) options.max_iterations = o.max_iterations;
    options.observer = std::move(observer);
    return run_search([&] { return opt::minimize(f, x0, options); });
}

Outcome fit_search(const opt::LeastSquares& f, const Eigen::VectorXd& p0, const OptimizeOptions& o,
                   opt::Observer observer) {
    if (o.method != "lm") return search(f, p0, o, std::move(observer));
    opt::LeastSquaresOptions options;
    if (o.tolerance >= 0) options.tolerance = o.tolerance;
    if (o.max_iterations != 0) options.max_evaluations = o.max_iterations;
    options.observer = std::move(observer);
    return run_search([&] { return opt::levenberg_marquardt(f, p0, options); });
}

}  // namespace

CLI::App* add_optimize_command(CLI::App& app, OptimizeOptions& o) {
    auto* cmd = app.add_subcommand("optimize", "Minimise EXPR from a starting point (docs/optimize.md)");
    cmd->add_option("expr", o.expr, "Expression to minimise")->required();
    cmd->add_option("--vars", o.vars, "Variable order (default: names sorted naturally)");
    add_search_options(cmd, o, "Starting point: x=1,y=-2 or 1,-2 (default: every variable 0)", false);
    cmd->add_flag("--jit", o.jit, "Evaluate through generated C++, compiled and loaded first (needs a compiler)");
    return cmd;
}

int run_optimize(const OptimizeOptions& o) {
    const CtrlCStops ctrl_c;
    std::string text;
    try {
        text = expression_text(o.expr);
        const core::Expr f = parse::parse(text);
        text.clear();
        const std::vector<core::Expr> vars =
            o.vars.empty() ? diff::default_variables({&f, 1}) : symbols_named(split_names(o.vars));
        const opt::Method method = *opt::method_from_name(o.method);
        std::unique_ptr<opt::Objective> objective;
        if (o.jit) {
            objective = std::make_unique<opt::CompiledObjective>(f, vars, method == opt::Method::Newton);
        } else {
            objective = std::make_unique<opt::ExpressionObjective>(f, vars);
        }
        SearchProgress progress(o.trace, vars, !o.quiet && stderr_is_terminal());
        const Outcome outcome = search(*objective, starting_point(o.x0, vars, 0), o, progress.observer());
        progress.finish();
        const opt::SearchResult& r = outcome.result;
        if (o.format == "json") {
            std::cout << answer_json(r, o.method, {{"value", r.value}, {"x", point_json(vars, r.x)}}).dump() << "\n";
        } else {
            // Only a converged search found a minimum; otherwise this is the best point so far.
            std::cout << fmt::format("{} {:.12g} at\n", r.converged ? "minimum" : "best value found", r.value);
            std::cout << point_text(vars, r.x) << outcome_text(r, o.method);
        }
        return outcome.status();
    } catch (const Error& e) {
        std::cerr << "nabla: " << describe(e, text);
        return 1;
    }
}

CLI::App* add_fit_command(CLI::App& app, FitOptions& o) {
    auto* cmd = app.add_subcommand("fit", "Least-squares fit of MODEL's parameters to CSV data (docs/optimize.md)");
    cmd->add_option("model", o.model, "Model: an expression in parameters and data columns")->required();
    cmd->add_option("--data", o.data, "CSV file (- for standard input): a header of column names, one row per data point")
        ->required();
    cmd->add_option("--sep", o.separator, "Field separator: , ; tab or | (default: ',', or what the header line uses)")
        ->check(CLI::IsMember({",", ";", "tab", "|"}));
    cmd->add_option("--params", o.params, "Parameters (default: the model's names that are not columns)");
    cmd->add_option("--fix", o.fix, "Hold parameters at values: k=0.7,c=1/3");
    cmd->add_option("--target", o.target, "What the model should match: a column or an expression over columns (default y)");
    auto* weights = cmd->add_option("--weights", o.weights, "Row weights w, a column or expression: minimise sum w (model - target)^2");
    cmd->add_option("--sigma", o.sigma, "Standard deviations of the target, a column or expression: weights 1/sigma^2")
        ->excludes(weights);
    cmd->add_option("--residuals", o.residuals,
                    "Write a CSV of the model's columns, observed, fitted and residual (and weight) per row");
    add_search_options(cmd, o.search, "Starting values: a=1,b=2 or 1,2 (default: every parameter 1)", true);
    return cmd;
}

namespace {

opt::Table read_data(const FitOptions& o) {
    opt::CsvOptions csv;
    if (!o.separator.empty()) csv.separator = o.separator == "tab" ? '\t' : o.separator[0];
    if (o.data != "-") {
        std::ifstream in(o.data, std::ios::binary);
        if (!in) throw Error("cannot read file '" + o.data + "'");
        return opt::read_csv(in, o.data, csv);
    }
    if (o.model == "-") throw Error("the model and the data cannot both come from standard input (-)");
    return opt::read_csv(std::cin, "<stdin>", csv);
}

// The names --x0 gives values to, which declares them parameters.
std::vector<std::string> starting_names(const std::string& x0) {
    std::vector<std::string> names;
    for (const std::string& item : list_items(x0))
        if (const std::size_t eq = item.find('='); eq != std::string::npos) names.push_back(item.substr(0, eq));
    return names;
}

std::vector<core::Expr> fit_parameters(const core::Expr& model, const opt::Table& data, const FitOptions& o) {
    if (o.params.empty()) return inferred_parameters(model, data, starting_names(o.search.x0));
    const std::vector<core::Expr> params = symbols_named(split_names(o.params));
    const std::vector<core::Expr> used = core::free_symbols({&model, 1});
    for (const core::Expr& p : params)
        if (std::find(used.begin(), used.end(), p) == used.end())
            throw Error("--params: '" + p.name() + "' is not a name in the model" + (o.fix.empty() ? "" : " (or it is fixed)"));
    return params;
}

void warn_unused_columns(std::span<const core::Expr> uses, const opt::Table& data) {
    for (const auto& [name, position] : unused_columns(uses, data))
        std::cerr << fmt::format("nabla: warning: column {} of the data, '{}', is not used by the model\n", position, name);
}

// The expression an option gives (--target log(y)); `text` is set to it so that a parse error's
// caret points into it.
core::Expr option_expression(const std::string& option, const std::string& value, std::string& text) {
    text = value;
    try {
        core::Expr e = parse::parse(value);
        text.clear();
        return e;
    } catch (const Error& e) {
        throw Error(option + ": " + e.what(), e.position());
    }
}

// What the model is fitted to: the target's value and the weight of every row.
struct Observed {
    std::vector<core::Expr> uses;  // the target and weight expressions
    Eigen::VectorXd targets;
    Eigen::VectorXd weights;  // empty without --weights or --sigma
};

Observed observed(const opt::Table& data, const FitOptions& o, std::string& text) {
    Observed out;
    out.uses.push_back(option_expression("--target", o.target, text));
    out.targets = opt::row_values(out.uses.back(), data, "--target");
    if (!o.weights.empty()) {
        out.uses.push_back(option_expression("--weights", o.weights, text));
        out.weights = opt::row_values(out.uses.back(), data, "--weights");
    } else if (!o.sigma.empty()) {
        out.uses.push_back(option_expression("--sigma", o.sigma, text));
        const Eigen::VectorXd sigma = opt::row_values(out.uses.back(), data, "--sigma");
        for (Eigen::Index r = 0; r < sigma.size(); ++r)
            if (!(sigma[r] > 0))
                throw Error(fmt::format("--sigma at row {} of the data is {}: a standard deviation must be > 0", r + 1,
                                        sigma[r]));
        out.weights = sigma.array().square().inverse();
    }
    return out;
}

}  // namespace

int run_fit(const FitOptions& o) {
    const CtrlCStops ctrl_c;
    std::string text;
    try {
        text = expression_text(o.model);
        core::Expr model = parse::parse(text);
        text.clear();
        const opt::Table data = read_data(o);
        Observed observations = observed(data, o, text);
        const FixedParameters fixed = fixed_parameters(o.fix, model, data);
        model = core::substitute(model, fixed.symbols, fixed.values);
        const std::vector<core::Expr> params = fit_parameters(model, data, o);
        if (params.empty()) throw Error("the model has no parameters: every name in it is a column of the data");
        const opt::LeastSquares objective(model, params, data, std::move(observations.targets),
                                          std::move(observations.weights));
        observations.uses.push_back(model);
        if (!o.search.quiet) warn_unused_columns(observations.uses, data);
        // Opened first: a path that cannot be written is an error before the fit, not after.
        std::optional<OutputFile> residuals;
        if (!o.residuals.empty()) residuals.emplace(o.residuals, "residuals file");
        SearchProgress progress(o.search.trace, params, !o.search.quiet && stderr_is_terminal());
        Outcome outcome = fit_search(objective, starting_point(o.search.x0, params, 1), o.search, progress.observer());
        progress.finish();
        opt::SearchResult& r = outcome.result;
        const opt::FitStatistics stats = opt::fit_statistics(objective, r.x);
        if (r.converged && stats.rank < static_cast<Eigen::Index>(params.size())) {
            r.converged = false;
            r.stop = fmt::format("the data do not determine the parameters (the Jacobian has rank {} for {} parameters)",
                                 stats.rank, params.size());
        }
        if (residuals) {
            residuals->write(residuals_csv(objective, data, r.x));
            residuals->close();
        }
        const Eigen::VectorXd fixed_values =
            Eigen::Map<const Eigen::VectorXd>(fixed.numbers.data(), static_cast<Eigen::Index>(fixed.numbers.size()));
        if (o.search.format == "json") {
            std::cout << answer_json(r, o.search.method,
                                     {{"params", point_json(params, r.x)},
                                      {"fixed", point_json(fixed.symbols, fixed_values)},
                                      {"standard_errors", point_json(params, stats.standard_errors)},
                                      {"t_values", point_json(params, stats.t_values)},
                                      {"rows", data.rows()},
                                      {"weighted", stats.weighted},
                                      {"degrees_of_freedom", stats.degrees_of_freedom},
                                      {"sum_squared_residuals", stats.sum_squared_residuals},
                                      {"residual_standard_deviation", stats.residual_standard_deviation},
                                      {"r_squared", stats.r_squared}})
                             .dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
                      << "\n";
        } else {
            std::cout << fit_text(params, r.x, stats) << fixed_text(fixed.symbols, fixed_values)
                      << outcome_text(r, o.search.method);
        }
        return outcome.status();
    } catch (const Error& e) {
        std::cerr << "nabla: " << describe(e, text);
        return 1;
    }
}

}  // namespace nabla::frontend

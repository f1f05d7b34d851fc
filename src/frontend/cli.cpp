// cli.cpp — subcommands, options and exit codes, on CLI11.
#include "frontend/cli.hpp"

#include "core/build.hpp"
#include "codegen/emit_cpp.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"
#include "diff/calculus.hpp"
#include "frontend/batch.hpp"
#include "frontend/diagnostic.hpp"
#include "frontend/io.hpp"
#include "frontend/optimize_cli.hpp"
#include "frontend/render.hpp"
#include "frontend/request.hpp"
#include "frontend/steps_text.hpp"
#include "frontend/usage.hpp"
#include "frontend/version.hpp"
#include "parse/parse.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

namespace nabla::frontend {
namespace {

struct Options {
    std::string format = "infix";
    bool steps = false;
    bool stats = false;
    bool as_float = false;
    std::size_t digits = 0;  // eval: 0 for exact or double, else significant digits
    std::string vars;
    std::string wrt;
    std::string expr;                // single-expression commands
    std::vector<std::string> exprs;  // jacobian
    std::vector<std::string> rest;  // diff: variables; eval: name=value
};

void add_common(CLI::App* cmd, Options& o) {
    cmd->add_option("--format", o.format, "Output format: infix, latex, json or cse")
        ->check(CLI::IsMember({"infix", "latex", "json", "cse"}));
    cmd->add_flag("--stats", o.stats, "Report node counts and times on stderr");
}

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

void print_stats(const Response& r, double compute_ms, double print_ms) {
    std::vector<core::Expr> roots;
    for (const auto& row : r.rows) roots.insert(roots.end(), row.begin(), row.end());
    std::cerr << fmt::format("stats: {} result(s), {} DAG nodes, {:.0f} tree nodes, {} nodes built; "
                             "compute {:.3f} ms, print {:.3f} ms\n",
                             roots.size(), core::dag_size(roots), core::tree_size(roots), core::nodes_created(),
                             compute_ms, print_ms);
}

// Runs one request and prints it; returns the exit status.
int execute(const Request& request, const Options& o) {
    std::size_t failed = 0;
    try {
        const auto t0 = Clock::now();
        Response result = run(request, &failed);
        const double compute_ms = ms_since(t0);
        const auto t1 = Clock::now();
        Format format = *format_from_name(o.format);
        std::string text;
        if (request.steps) {
            text = steps_of(result, format == Format::Latex);
        } else {
            text = render(result, format);
        }
        std::cout << text;
        std::cout.flush();
        if (o.stats) print_stats(result, compute_ms, ms_since(t1));
        return 0;
    } catch (const Error& e) {
        const std::string& input = failed < request.exprs.size() ? request.exprs[failed] : std::string();
        std::cerr << "nabla: " << describe(e, input);
        return 1;
    }
}

// `nabla diff --wrt x < file`: one formula per line, one answer per line.
int diff_lines(const Options& o) {
    int status = 0;
    std::string line;
    std::size_t line_no = 0;
    for (LineRead read; (read = read_line(std::cin, line)) != LineRead::End;) {
        ++line_no;
        if (read == LineRead::TooLong) {
            std::cout << "\n";
            std::cerr << "nabla: line " << line_no << ": longer than " << (limits::max_line_bytes >> 20) << " MiB\n";
            status = 1;
            continue;
        }
        if (line.find_first_not_of(" \t\r") == std::string::npos) {
            std::cout << "\n";
            continue;
        }
        Request r{Operation::Diff, {line}, split_names(o.wrt), {}, false, std::nullopt};
        try {
            std::cout << render(run(r), *format_from_name(o.format));
        } catch (const Error& e) {
            std::cout << "\n";
            std::cerr << "nabla: line " << line_no << ": " << describe(e, line);
            status = 1;
        }
        if (!flushed(std::cout)) break;  // main reports the write error
    }
    return status;
}

// Formulas often begin with a minus ("-x^2"), which an argument parser takes for an option.
// nabla has no short options but -h, so such an argument is a formula: a leading space keeps
// it positional, and the expression language ignores the space.
std::vector<std::string> protect_formulas(int argc, char** argv) {
    std::vector<std::string> args;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a.size() > 1 && a[0] == '-' && a[1] != '-' && a != "-h" && a != "-o") a.insert(0, " ");  // -o: codegen's output
        args.push_back(std::move(a));
    }
    std::reverse(args.begin(), args.end());  // CLI11 takes them last-first
    return args;
}

// `nabla codegen`: C++ source for the expressions (docs/codegen.md).
struct CodegenOptions {
    std::vector<std::string> exprs;
    std::string vars;
    std::string params;
    std::string name = "f";
    std::string gradient = "auto";
    std::string output;
    bool value = false, grad = false, hessian = false, jacobian = false, batch = false;
};

// A name listed both in --vars and in --params, if any.
std::optional<std::string> shared_name(const std::vector<std::string>& vars,
                                       const std::vector<std::string>& params) {
    for (const std::string& p : params)
        if (std::find(vars.begin(), vars.end(), p) != vars.end()) return p;
    return std::nullopt;
}

// Without --vars: every symbol that is not a parameter, sorted naturally.
std::vector<core::Expr> default_codegen_vars(const std::vector<core::Expr>& exprs,
                                             const std::vector<core::Expr>& params) {
    std::vector<core::Expr> vars = diff::default_variables(exprs);
    std::erase_if(vars, [&](const core::Expr& v) {
        return std::find(params.begin(), params.end(), v) != params.end();
    });
    return vars;
}

int run_codegen(const CodegenOptions& c) {
    const std::vector<std::string> var_names = split_names(c.vars), param_names = split_names(c.params);
    if (const auto both = shared_name(var_names, param_names))
        return usage_error("nabla codegen", "'" + *both + "' is in both --vars and --params");
    if (const auto twice = repeated<std::string>(var_names))
        return usage_error("nabla codegen", "'" + *twice + "' is given twice in --vars");
    if (const auto twice = repeated<std::string>(param_names))
        return usage_error("nabla codegen", "'" + *twice + "' is given twice in --params");
    codegen::Spec spec;
    spec.name = c.name;
    spec.hessian = c.hessian;
    spec.jacobian = c.jacobian;
    spec.batch = c.batch;
    spec.gradient = c.gradient == "adjoint"    ? codegen::GradientMethod::Adjoint
                    : c.gradient == "symbolic" ? codegen::GradientMethod::Symbolic
                                               : codegen::GradientMethod::Auto;
    std::string text;
    try {
        for (const std::string& e : c.exprs) {
            text = expression_text(e);
            spec.exprs.push_back(parse::parse(text));
        }
        text.clear();
        spec.params = symbols_named(param_names);
        spec.vars = c.vars.empty() ? default_codegen_vars(spec.exprs, spec.params) : symbols_named(var_names);
        const std::string source = codegen::generate_cpp(spec);
        if (c.output.empty()) {
            std::cout << source;
            return 0;
        }
        std::ofstream out(c.output, std::ios::binary);
        out << source;
        if (!out) throw Error("cannot write '" + c.output + "'");
        return 0;
    } catch (const Error& e) {
        std::cerr << "nabla: " << describe(e, text);
        return 1;
    }
}

// A command's --help footer: where EXPR comes from, then commands to try.
void examples(CLI::App* cmd, std::initializer_list<std::string_view> commands) {
    std::string text = "EXPR may be literal text, @FILE or - (standard input).\nExamples:\n";
    for (std::string_view c : commands) text += "  " + std::string(c) + "\n";
    text.pop_back();
    cmd->footer(text);
}

// The variables of --vars, each once; nothing, with the usage error reported, for a repeat.
std::optional<std::vector<std::string>> distinct_vars(const CLI::App* cmd, const std::string& list) {
    std::vector<std::string> names = split_names(list);
    if (const auto twice = repeated<std::string>(names)) {
        usage_error("nabla " + cmd->get_name(), "'" + *twice + "' is given twice in --vars");
        return std::nullopt;
    }
    return names;
}

}  // namespace

int run_cli(int argc, char** argv) {
    CLI::App app{"nabla — exact symbolic derivatives, gradients, Jacobians and Hessians", "nabla"};
    app.require_subcommand(0, 1);
    app.set_version_flag("--version", std::string("nabla ") + std::string(version()));
    app.footer("EXPR may be literal text, @FILE or - (standard input).\n"
               "Examples:\n  nabla diff 'x^2*sin(x)' x\n  nabla grad 'x*y + y^2'\n"
               "  nabla hessian 'x^3 + y^3 - 3*x*y' --vars x,y\n  nabla eval 'x^2/3' x=1/2\n"
               "  nabla optimize '(1 - x)^2 + 100*(y - x^2)^2' --x0 x=-1.2,y=1\n"
               "  nabla fit 'a*exp(-k*t) + c' --data decay.csv");
    Options o;

    auto* diff = app.add_subcommand("diff", "Successive partial derivatives: diff f x y = d2f/dxdy");
    diff->add_option("expr", o.expr, "Expression");
    diff->add_option("vars", o.rest, "Variables, in order of differentiation");
    diff->add_flag("--steps", o.steps, "Show the derivation step by step, naming each rule");
    diff->add_option("--wrt", o.wrt, "Differentiate each line of standard input by these variables");
    add_common(diff, o);
    examples(diff, {"nabla diff 'x^2*sin(x)' x", "nabla diff 'x^2*y^3' x y      # d2/dxdy, one variable after the other",
                    "nabla diff 'sin(x^2)' x --steps"});

    auto* grad = app.add_subcommand("grad", "Gradient");
    grad->add_option("expr", o.expr, "Expression")->required();
    grad->add_option("--vars", o.vars, "Variable order, e.g. x,y (default: names sorted naturally)");
    grad->add_flag("--steps", o.steps, "Show each entry's derivation step by step, naming each rule");
    add_common(grad, o);
    examples(grad, {"nabla grad 'x*y + y^2'", "nabla grad 'x*y + y^2' --vars y,x",
                    "nabla grad 'exp(-x^2 - y^2)' --format latex"});

    auto* jac = app.add_subcommand("jacobian", "Jacobian of several expressions");
    jac->add_option("exprs", o.exprs, "Expressions (rows)")->required();
    jac->add_option("--vars", o.vars, "Variable order (columns)");
    jac->add_flag("--steps", o.steps, "Show each entry's derivation step by step, naming each rule");
    add_common(jac, o);
    examples(jac, {"nabla jacobian 'x*y' 'x + y' --vars x,y", "nabla jacobian 'r*cos(t)' 'r*sin(t)' --vars r,t"});

    auto* hess = app.add_subcommand("hessian", "Hessian (symmetric)");
    hess->add_option("expr", o.expr, "Expression")->required();
    hess->add_option("--vars", o.vars, "Variable order");
    hess->add_flag("--steps", o.steps, "Show the gradient's derivations, then each entry's from them");
    add_common(hess, o);
    examples(hess, {"nabla hessian 'x^3 + y^3 - 3*x*y'", "nabla hessian 'x^2*y' --vars y,x --format latex"});

    auto* ev = app.add_subcommand("eval", "Evaluate at a point, exactly where possible");
    ev->add_option("expr", o.expr, "Expression")->required();
    ev->add_option("assignments", o.rest, "Values: x=1.5 y=2/3");
    auto* as_float = ev->add_flag("--float", o.as_float, "Print a double even when the value is exact");
    ev->add_option("--digits", o.digits,
                   "Evaluate to N significant digits with MPFR, 1 to " + std::to_string(limits::max_eval_digits))
        ->check(CLI::Range(std::size_t{1}, limits::max_eval_digits))
        ->excludes(as_float);
    add_common(ev, o);
    examples(ev, {"nabla eval 'x^2/3' x=1/2", "nabla eval 'sin(x)' x=pi/6", "nabla eval '577/408 - sqrt(2)' --digits 30",
                  "nabla eval 'pi' --digits 50"});

    auto* simp = app.add_subcommand("simplify", "Canonical, simplified form");
    simp->add_option("expr", o.expr, "Expression")->required();
    add_common(simp, o);
    examples(simp, {"nabla simplify 'x + 2x'", "nabla simplify 'sin(x)^2 + cos(x)^2'"});

    // The polynomial algebra of docs/simplify.md, one subcommand each.
    struct AlgebraCommand {
        Operation op;
        const char* summary;
        std::string_view example;
    };
    const AlgebraCommand algebra_ops[] = {
        {Operation::Expand, "Products and powers of sums multiplied out", "nabla expand '(x + 1)^3'"},
        {Operation::Together, "One fraction over a common denominator", "nabla together '1/x + 1/y'"},
        {Operation::Cancel, "Common factors of numerator and denominator cancelled (polynomial gcd)",
         "nabla cancel '(x^3 - y^3)/(x - y)'"},
        {Operation::Factor, "Factored into irreducible polynomials over the integers", "nabla factor 'x^4 - 1'"},
    };
    std::vector<std::pair<CLI::App*, Operation>> algebra;
    for (const auto& [op, summary, example] : algebra_ops) {
        auto* cmd = app.add_subcommand(std::string(op_name(op)), summary);
        cmd->add_option("expr", o.expr, "Expression")->required();
        add_common(cmd, o);
        examples(cmd, {example, std::string(example) + " --format latex"});
        algebra.emplace_back(cmd, op);
    }
    auto* coll = app.add_subcommand("collect", "Expanded and grouped by the powers of the variables given");
    coll->add_option("expr", o.expr, "Expression")->required();
    coll->add_option("vars", o.rest, "Variables to collect by, in order (default: the only symbol)");
    add_common(coll, o);
    examples(coll, {"nabla collect 'a*x + b*x + c' x", "nabla collect '(x + y + 1)^2' x y"});

    bool jsonl = false;
    BatchOptions batch_options;
    auto* batch = app.add_subcommand("batch", "JSON Lines requests on stdin, one answer per line");
    batch->add_flag("--jsonl", jsonl, "JSON Lines protocol (the only one)")->required();
    batch->add_option("--timeout", batch_options.timeout_seconds,
                      "Seconds one request may run before it is answered with a time-limit error; 0 for none")
        ->default_val(limits::default_batch_timeout_seconds)
        ->check(CLI::NonNegativeNumber);
    batch->footer("Examples:\n"
                  "  echo '{\"id\": 1, \"op\": \"diff\", \"expr\": \"x^2\", \"vars\": [\"x\"]}' | nabla batch --jsonl\n"
                  "  echo '{\"id\": 2, \"op\": \"eval\", \"expr\": \"pi\", \"digits\": 30}' | nabla batch --jsonl");

    CodegenOptions cg;
    auto* gen = app.add_subcommand("codegen", "C++ source: value, gradient, Hessian, Jacobian, batches (docs/codegen.md)");
    gen->add_option("exprs", cg.exprs, "Expressions (several make a vector function)")->required();
    gen->add_option("--vars", cg.vars,
                    "Variable order: x[i] is the i-th (default: the names not in --params, sorted naturally)");
    gen->add_option("--params", cg.params,
                    "Parameters, held constant and not differentiated: p[k] is the k-th");
    gen->add_option("--name", cg.name, "Prefix of the entry points (default f)");
    gen->add_flag("--value", cg.value, "Value entry points (always emitted)");
    gen->add_flag("--grad", cg.grad, "Gradient entry points (always emitted for one expression)");
    gen->add_flag("--hessian", cg.hessian, "Dense and sparse Hessian");
    gen->add_flag("--jacobian", cg.jacobian, "Dense and sparse Jacobian");
    gen->add_flag("--batch", cg.batch, "Batch variants of the Hessian and Jacobian values too");
    gen->add_option("--gradient", cg.gradient, "Gradient program: auto, adjoint or symbolic")
        ->check(CLI::IsMember({"auto", "adjoint", "symbolic"}));
    gen->add_option("-o,--output", cg.output, "Write to FILE instead of standard output");
    examples(gen, {"nabla codegen 'x^2 + x*y' --vars x,y --name f", "nabla codegen 'a*x^2 + b*y' --params a,b --hessian -o f.cpp"});

    OptimizeOptions opt;
    auto* optimize = add_optimize_command(app, opt);
    optimize->alias("optimise");  // the British spelling, which docs and people use too
    examples(optimize, {"nabla optimize '(1 - x)^2 + 100*(y - x^2)^2' --x0 x=-1.2,y=1",
                        "nabla optimize 'x^2 + y^2 - x*y + y' --method newton --format json"});
    FitOptions fit_options;
    auto* fit = add_fit_command(app, fit_options);
    examples(fit, {"nabla fit 'a*exp(-k*t) + c' --data docs/examples/fit/decay.csv",
                   "nabla fit 'a*exp(-k*t) + c' --data docs/examples/fit/decay.csv --format json"});

    const std::vector<std::string> given(argv + 1, argv + argc);
    try {
        std::vector<std::string> args = protect_formulas(argc, argv);
        app.parse(args);
    } catch (const CLI::ParseError& e) {
        return report_parse_error(app, e, given);
    }
    if (app.get_subcommands().empty()) {
        std::cout << app.help();
        return 0;
    }
    CLI::App* cmd = app.get_subcommands()[0];
    if (cmd == gen) return run_codegen(cg);
    if (cmd == optimize) return run_optimize(opt);
    if (cmd == fit) return run_fit(fit_options);
    if (cmd == batch) {
        run_jsonl(std::cin, std::cout, batch_options);
        return 0;  // main reports a write error
    }
    if (cmd == diff && o.expr.empty()) {
        if (o.wrt.empty())
            return usage_error("nabla diff", "give an expression and variables, or --wrt VARS to read formulas from stdin");
        return diff_lines(o);
    }

    Request r;
    try {
        if (cmd != jac) r.exprs.push_back(expression_text(o.expr));
        for (const std::string& e : o.exprs) r.exprs.push_back(expression_text(e));
    } catch (const Error& e) {
        std::cerr << "nabla: " << describe(e, "");
        return 1;
    }
    if (cmd == diff) {
        r.op = Operation::Diff;
        std::vector<std::string> vars = o.rest;
        if (!o.wrt.empty()) vars = split_names(o.wrt);
        if (!vars.empty()) r.vars = vars;
        r.steps = o.steps;
    } else if (cmd == grad || cmd == jac || cmd == hess) {
        r.op = cmd == grad ? Operation::Grad : cmd == jac ? Operation::Jacobian : Operation::Hessian;
        if (!o.vars.empty()) {
            r.vars = distinct_vars(cmd, o.vars);
            if (!r.vars) return 2;
        }
        r.steps = o.steps;
    } else if (cmd == ev) {
        r.op = Operation::Eval;
        std::vector<std::string> names;
        for (const std::string& a : o.rest) {
            const auto eq = a.find('=');
            if (eq == std::string::npos || eq == 0) return usage_error("nabla eval", "expected name=value, got '" + a + "'");
            names.push_back(a.substr(0, eq));
            r.at.emplace_back(names.back(), a.substr(eq + 1));
        }
        if (const auto twice = repeated<std::string>(names)) return usage_error("nabla eval", "'" + *twice + "' is given twice");
        if (o.digits != 0) r.digits = o.digits;
    } else if (cmd == coll) {
        r.op = Operation::Collect;
        if (!o.rest.empty()) r.vars = o.rest;
    } else {
        r.op = Operation::Simplify;
        for (const auto& [c, op] : algebra)
            if (cmd == c) r.op = op;
    }
    if (cmd == ev && o.as_float) {
        try {
            Response res = run(r);
            std::cout << fmt::format("{}\n", res.value.number);
            return 0;
        } catch (const Error& e) {
            std::cerr << "nabla: " << describe(e, r.exprs[0]);
            return 1;
        }
    }
    return execute(r, o);
}

}  // namespace nabla::frontend

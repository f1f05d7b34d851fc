// session_commands.cpp — the colon commands that Session runs itself (:diff ... :plot, :save).
#include <cstdlib>
#include <fstream>

#include "core/build.hpp"
#include "core/error.hpp"
#include "diff/diff.hpp"
#include "frontend/repl/operations.hpp"
#include "frontend/repl/code.hpp"
#include "frontend/repl/command_args.hpp"
#include "frontend/repl/command_table.hpp"
#include "frontend/repl/gnuplot.hpp"
#include "frontend/repl/output.hpp"
#include "frontend/repl/paths.hpp"
#include "frontend/repl/plot.hpp"
#include "frontend/repl/session.hpp"
#include "parse/parse.hpp"
#include "parse/statement.hpp"
#include "print/print.hpp"
#include "core/text.hpp"

namespace nabla::repl {

using core::Expr;
using frontend::Operation;
using frontend::Response;

Session::Outcome Session::run_command(const Statement& s) {
    const CommandInfo* c = find_command(s.name);
    if (!c) throw error_at(s.text, s.name_at, unknown_command_message(s.name));
    const std::string_view name = c->name;
    const Scope scope{env_, s.text, {}};
    Outcome o;
    if (auto op = frontend::op_from_name(name)) {
        o.result = run_operation(*op, s.name_at, operation_arguments(*op, s, scope), scope);
        o.record = true;
    } else if (name == "minimize") {
        Minimum m = minimize(s.name_at, minimize_arguments(s), scope);
        o.result = std::move(m.value);
        o.out = std::move(m.report);
        o.record = true;
    } else if (name == "steps") {
        o.out = derivation_steps(s.name_at, operation_arguments(Operation::Diff, s, scope), scope);
    } else if (name == "latex" || name == "cse" || name == "code") {
        return show(s, name);
    } else if (name == "plot") {
        return plot(s);
    } else if (name == "vars") {
        o.out = env_.listing();
        if (o.out.empty()) o.out = "nothing is defined yet\n";
    } else if (name == "clear") {
        return clear(s);
    } else if (name == "save") {
        return save(s);
    } else if (name == "help") {
        o.out = help_text();
    } else {
        throw error_at(s.text, s.name_at, "':" + std::string(name) + "' works only at the prompt or in a script");
    }
    return o;
}

Session::Outcome Session::show(const Statement& s, std::string_view command) {
    const Scope scope{env_, s.text, {}};
    const std::vector<ast::Argument> args = parse::parse_arguments(s.text, s.rest);
    if (args.size() > 1) throw error_at(s.text, begin_of(args[1]), "expected one expression or result");
    Response target;
    const ast::Reference* reference = args.empty() ? nullptr : reference_of(args[0]);
    const ast::Name* name = args.empty() ? nullptr : name_of(args[0]);
    if (args.empty() || (name && name->name == "ans")) {
        target = result_at(args.empty() ? s.name_at : begin_of(args[0]), 0, scope);
    } else if (reference) {
        const std::size_t number = std::strtoul(reference->digits.c_str(), nullptr, 10);
        if (number == 0) throw error_at(s.text, begin_of(args[0]), "there is no result %" + reference->digits);
        target = result_at(begin_of(args[0]), number, scope);
    } else {
        target = run_operation(Operation::Simplify, begin_of(args[0]), args, scope);
    }
    Outcome o;
    if (command == "code")
        o.out = generated_code(target, s.text, s.name_at);
    else
        o.out = format_plain(target, command == "latex" ? frontend::Format::Latex : frontend::Format::Cse);
    return o;
}

Session::Outcome Session::plot(const Statement& s) {
    const Scope scope{env_, s.text, {}};
    const PlotArguments a = plot_arguments(s);
    if (!a.expr) throw error_at(s.text, s.name_at, "expected what to plot, like :plot sin(x) x=-3:3");
    const Expr f = expand(*a.expr, scope);
    const std::vector<Expr> symbols = core::free_symbols(std::span(&f, 1));
    Expr x;
    if (a.range) {
        if (!parse::is_variable_name(a.range->name))
            throw error_at(s.text, static_cast<std::size_t>(a.range->id_first), "'" + a.range->name + "' is not a variable name");
        x = core::sym(a.range->name);
    } else {
        x = symbols.empty() ? core::sym("x") : symbols[0];
    }
    for (const Expr& other : symbols)
        if (!(other == x))
            throw error_at(s.text, begin_of(*a.expr),
                           "plot needs a function of " + x.name() + " alone; it also has " + other.name());
    const double lo = a.range ? number_of(a.range->value, scope) : -5;
    const double hi = a.range ? number_of(*a.range->upper, scope) : 5;
    if (!(lo < hi))
        throw error_at(s.text, a.range ? begin_of(a.range->value) : s.name_at, "the range must go from low to high");
    const Expr df = diff::derivative(f, x);
    Outcome o;
    o.out = draw_plot(f, df, x, lo, hi, style_);
    const Samples samples = sample(f, df, x, lo, hi, 400);
    if (auto png = gnuplot_png(samples, print::infix(f), "d/d" + x.name() + ": " + print::infix(df)))
        o.out += "PNG: " + *png + "\n";
    return o;
}

Session::Outcome Session::save(const Statement& s) {
    if (s.command_text().empty()) throw error_at(s.text, s.name_at, "expected a file name: :save session.nb");
    const std::string path = expand_home(std::string(s.command_text()));
    std::ofstream out(path);
    for (const std::string& line : script_) out << line << "\n";
    out.close();
    if (!out) throw error_at(s.text, core::skip_blank(s.text, s.rest), "cannot write '" + path + "'");
    Outcome o;
    o.out = "saved " + std::to_string(script_.size()) + " statement" + (script_.size() == 1 ? "" : "s") +
            " to " + path + "\n";
    return o;
}

Session::Outcome Session::clear(const Statement& s) {
    Outcome o;
    if (s.command_text().empty()) {
        o.change = [](Environment& env) { env.forget_all(); };
        o.reset_script = true;
        o.out = "forgot every definition and result\n";
        return o;
    }
    std::vector<std::string> names;
    for (const auto& [name, at] : name_arguments(s)) {
        if (!env_.variable(name) && !env_.function(name)) throw error_at(s.text, at, "'" + name + "' is not defined");
        names.push_back(name);
    }
    o.change = [names](Environment& env) {
        for (const std::string& n : names) env.forget(n);
    };
    o.record = true;
    o.out = "forgot";
    for (const std::string& n : names) o.out += " " + n;
    o.out += "\n";
    return o;
}

}  // namespace nabla::repl

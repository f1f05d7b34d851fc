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
#include "print/print.hpp"

namespace nabla::repl {

using core::Expr;
using frontend::Operation;
using frontend::Response;
using K = Token::Kind;

namespace {

Error error_at(const Piece& at, const std::string& message) {
    return Error(message, char_offset(at.statement, at.begin));
}

}  // namespace

Session::Outcome Session::run_command(const Statement& s) {
    const CommandInfo* c = find_command(s.name);
    if (!c) throw error_at(s.name_at, unknown_command_message(s.name));
    const std::string_view name = c->name;
    const Scope scope{env_, {}};
    Outcome o;
    if (auto op = frontend::op_from_name(name)) {
        o.result = run_operation(*op, s.name_at, operation_arguments(*op, s.body, scope), scope);
        o.record = true;
    } else if (name == "minimize") {
        Minimum m = minimize(s.name_at, minimize_arguments(s.body), scope);
        o.result = std::move(m.value);
        o.out = std::move(m.report);
        o.record = true;
    } else if (name == "steps") {
        o.out = derivation_steps(s.name_at, operation_arguments(Operation::Diff, s.body, scope), scope);
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
        throw error_at(s.name_at, "':" + std::string(name) + "' works only at the prompt or in a script");
    }
    return o;
}

Session::Outcome Session::show(const Statement& s, std::string_view command) {
    const Scope scope{env_, {}};
    Response target;
    const std::vector<Token> t = tokenize(s.body.text());
    const bool reference = t.empty() || (t.size() == 1 && (t[0].kind == K::Ref || s.body.text() == "ans"));
    if (reference && (t.empty() || t[0].kind != K::Ref)) {
        target = result_at(s.body.blank() ? s.name_at : s.body, 0, scope);
    } else if (reference) {
        const std::size_t number = std::strtoul(std::string(s.body.text().substr(1)).c_str(), nullptr, 10);
        if (number == 0) throw error_at(s.body, "there is no result " + std::string(s.body.text()));
        target = result_at(s.body, number, scope);
    } else {
        target = run_operation(Operation::Simplify, s.body, {s.body}, scope);
    }
    Outcome o;
    if (command == "code")
        o.out = generated_code(target, s.name_at);
    else
        o.out = format_plain(target, command == "latex" ? frontend::Format::Latex : frontend::Format::Cse);
    return o;
}

Session::Outcome Session::plot(const Statement& s) {
    const Scope scope{env_, {}};
    const PlotArguments a = plot_arguments(s.body);
    if (a.expr.blank()) throw error_at(s.name_at, "expected what to plot, like :plot sin(x) x=-3:3");
    const Expr f = expand(a.expr, scope);
    const std::vector<Expr> symbols = core::free_symbols(std::span(&f, 1));
    Expr x;
    if (a.var) {
        const std::string name(a.var->text());
        if (!parse::is_variable_name(name)) throw error_at(*a.var, "'" + name + "' is not a variable name");
        x = core::sym(name);
    } else {
        x = symbols.empty() ? core::sym("x") : symbols[0];
    }
    for (const Expr& other : symbols)
        if (!(other == x))
            throw error_at(a.expr,
                           "plot needs a function of " + x.name() + " alone; it also has " + other.name());
    const double lo = a.lo ? number_of(*a.lo, scope) : -5, hi = a.hi ? number_of(*a.hi, scope) : 5;
    if (!(lo < hi)) throw error_at(a.lo ? *a.lo : s.name_at, "the range must go from low to high");
    const Expr df = diff::derivative(f, x);
    Outcome o;
    o.out = draw_plot(f, df, x, lo, hi, style_);
    const Samples samples = sample(f, df, x, lo, hi, 400);
    if (auto png = gnuplot_png(samples, print::infix(f), "d/d" + x.name() + ": " + print::infix(df)))
        o.out += "PNG: " + *png + "\n";
    return o;
}

Session::Outcome Session::save(const Statement& s) {
    if (s.body.blank()) throw error_at(s.name_at, "expected a file name: :save session.nb");
    const std::string path = expand_home(std::string(s.body.text()));
    std::ofstream out(path);
    for (const std::string& line : script_) out << line << "\n";
    out.close();
    if (!out) throw error_at(s.body, "cannot write '" + path + "'");
    Outcome o;
    o.out = "saved " + std::to_string(script_.size()) + " statement" + (script_.size() == 1 ? "" : "s") +
            " to " + path + "\n";
    return o;
}

Session::Outcome Session::clear(const Statement& s) {
    Outcome o;
    if (s.body.blank()) {
        o.change = [](Environment& env) { env.forget_all(); };
        o.reset_script = true;
        o.out = "forgot every definition and result\n";
        return o;
    }
    std::vector<std::string> names;
    for (const Token& t : tokenize(s.body.text())) {
        const Piece at{s.body.statement, s.body.begin + t.begin, s.body.begin + t.end};
        if (t.kind == K::Comma) continue;
        const std::string name(at.text());
        if (t.kind != K::Name || (!env_.variable(name) && !env_.function(name)))
            throw error_at(at, "'" + name + "' is not defined");
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

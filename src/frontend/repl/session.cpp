// session.cpp — running a statement: dispatch, numbering results, remembering definitions.
#include "frontend/repl/session.hpp"

#include "core/build.hpp"
#include "core/error.hpp"
#include "diff/diff.hpp"
#include "eval/eval.hpp"
#include "frontend/diagnostic.hpp"
#include "frontend/repl/calculus.hpp"
#include "frontend/repl/code.hpp"
#include "frontend/repl/command_args.hpp"
#include "frontend/repl/command_table.hpp"
#include "frontend/repl/gnuplot.hpp"
#include "frontend/repl/output.hpp"
#include "frontend/repl/plot.hpp"
#include "parse/parse.hpp"
#include "print/print.hpp"

#include <cstdlib>
#include <fstream>
#include <optional>

namespace nabla::repl {

using core::Expr;
using frontend::Op;
using frontend::Result;
using K = Token::Kind;

struct Session::Outcome {
    std::string out;
    std::optional<Result> result;                // to be numbered and kept
    std::function<void(Environment&)> change;    // a definition or a :clear
    bool record = false;                         // belongs in the :save script
    bool reset_script = false;
};

namespace {

Error error_at(const Piece& at, const std::string& message) {
    return Error(message, char_offset(at.statement, at.begin));
}

std::string head(const std::string& name, const std::vector<std::string>& params) {
    if (params.empty()) return name;
    std::string out = name + "(";
    for (std::size_t i = 0; i < params.size(); ++i) out += (i ? ", " : "") + params[i];
    return out + ")";
}

std::string expand_home(std::string path) {
    const char* home = std::getenv("HOME");
    if (home && (path == "~" || path.starts_with("~/"))) path = home + path.substr(1);
    return path;
}

// A number given as an expression without symbols (-3, pi, 2*pi/3).
double number_of(const Piece& p, const Scope& scope) {
    try {
        return eval::evaluate(expand(p, scope), {}).number;
    } catch (const Error&) {
        rethrow_at(p);
    }
}

}  // namespace

Reply Session::execute(std::string_view statement, const std::function<bool()>& may_commit) {
    Reply reply;
    try {
        Outcome o = run(parse_statement(statement));
        if (o.result) o.out = format_result(env_.next_result_number(), *o.result, style_) + o.out;
        if (may_commit && !may_commit()) return {};
        if (o.result) env_.add_result(std::move(*o.result));
        if (o.change) o.change(env_);
        if (o.reset_script) script_.clear();
        if (o.record) script_.emplace_back(statement);
        reply.out = std::move(o.out);
    } catch (const Error& e) {
        reply.ok = false;
        std::string text = frontend::describe(e, statement);
        reply.err = style_.error("error:") + text.substr(std::string_view("error:").size());
    } catch (const InternalError& e) {
        reply.ok = false;
        reply.err = style_.error("internal error") + " (a bug in nabla, please report it): " + e.what() + "\n";
    } catch (const std::bad_alloc&) {
        reply.ok = false;
        reply.err = style_.error("error:") + " out of memory\n";
    }
    return reply;
}

std::vector<std::string> Session::completion_words() const {
    std::vector<std::string> out;
    for (const std::string& name : env_.names()) out.push_back(env_.function(name) ? name + "(" : name);
    return out;
}

Session::Outcome Session::run(const Statement& s) {
    const Scope scope{env_, {}};
    Outcome o;
    switch (s.kind) {
    case Statement::Kind::Empty: return o;
    case Statement::Kind::Command: return run_command(s);
    case Statement::Kind::Definition: return define(s);
    case Statement::Kind::Call:
        o.result = run_operation(*frontend::op_from_name(s.name), s.name_at, s.args, scope);
        break;
    case Statement::Kind::List: {
        Result r;
        r.shape = Result::Shape::Vector;
        r.rows.emplace_back();
        for (const Piece& item : s.args) r.rows[0].push_back(expand(item, scope));
        if (r.rows[0].empty()) throw Error("the list is empty", 0);
        o.result = std::move(r);
        break;
    }
    case Statement::Kind::Expression:
        o.result = run_operation(Op::Simplify, s.body, {s.body}, scope);
        break;
    }
    o.record = true;
    return o;
}

Session::Outcome Session::define(const Statement& s) {
    Outcome o;
    o.record = true;
    const Scope scope{env_, s.params};
    const Expr body = expand(s.body, scope);
    o.out = style_.name(head(s.name, s.params)) + " = " + print::infix(body) + "\n";
    if (s.params.empty()) {
        o.change = [name = s.name, body](Environment& env) { env.define(name, body); };
    } else {
        Function f;
        for (const std::string& p : s.params) f.params.push_back(core::sym(p));
        f.body = body;
        o.change = [name = s.name, f](Environment& env) { env.define(name, f); };
    }
    return o;
}

Session::Outcome Session::run_command(const Statement& s) {
    const CommandInfo* c = find_command(s.name);
    if (!c) throw error_at(s.name_at, unknown_command_message(s.name));
    const std::string_view name = c->name;
    const Scope scope{env_, {}};
    Outcome o;
    if (auto op = frontend::op_from_name(name)) {
        o.result = run_operation(*op, s.name_at, operation_arguments(*op, s.body, scope), scope);
        o.record = true;
    } else if (name == "steps") {
        o.out = derivation_steps(s.name_at, operation_arguments(Op::Diff, s.body, scope), scope);
    } else if (name == "latex" || name == "code") {
        return latex_or_code(s, name == "code");
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

Session::Outcome Session::latex_or_code(const Statement& s, bool code) {
    const Scope scope{env_, {}};
    Result target;
    const std::vector<Token> t = tokenize(s.body.text());
    const bool reference = t.empty() || (t.size() == 1 && (t[0].kind == K::Ref || s.body.text() == "ans"));
    if (reference && (t.empty() || t[0].kind != K::Ref)) {
        target = result_at(s.body.blank() ? s.name_at : s.body, 0, scope);
    } else if (reference) {
        const std::size_t number = std::strtoul(std::string(s.body.text().substr(1)).c_str(), nullptr, 10);
        if (number == 0) throw error_at(s.body, "there is no result " + std::string(s.body.text()));
        target = result_at(s.body, number, scope);
    } else {
        target = run_operation(Op::Simplify, s.body, {s.body}, scope);
    }
    Outcome o;
    o.out = code ? generated_code(target, s.name_at) : format_plain(target, frontend::Format::Latex);
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
            throw error_at(a.expr, "plot needs a function of " + x.name() + " alone; it also has " + other.name());
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
    o.out = "saved " + std::to_string(script_.size()) + " statement" + (script_.size() == 1 ? "" : "s") + " to " +
            path + "\n";
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

// session.cpp — running a statement: dispatch, numbering results, remembering definitions.
#include "frontend/repl/session.hpp"

#include "core/build.hpp"
#include "core/error.hpp"
#include "frontend/diagnostic.hpp"
#include "frontend/repl/operations.hpp"
#include "frontend/repl/output.hpp"
#include "frontend/repl/workbench.hpp"

namespace nabla::repl {

using core::Expr;
using frontend::Operation;
using frontend::Response;

namespace {

std::string head(const std::string& name, const std::vector<std::string>& params) {
    if (params.empty()) return name;
    std::string out = name + "(";
    for (std::size_t i = 0; i < params.size(); ++i) out += (i ? ", " : "") + params[i];
    return out + ")";
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
        const std::string text = frontend::describe(e, statement);
        reply.err = text.starts_with("error") ? style_.error("error") + text.substr(5) : text;
    } catch (const Cancelled&) {
        // Ctrl-C: the driver abandoned the job and says so itself; this reply is for a caller
        // that ran it directly.
        reply.ok = false;
        reply.err = style_.error("interrupted") + "\n";
    } catch (const InternalError& e) {
        reply.ok = false;
        reply.err =
            style_.error("internal error") + " (a bug in nabla, please report it): " + e.what() + "\n";
    } catch (const std::bad_alloc&) {
        reply.ok = false;
        reply.err = style_.error("error:") + " out of memory\n";
    } catch (const std::exception& e) {
        reply.ok = false;
        reply.err =
            style_.error("internal error") + " (a bug in nabla, please report it): " + e.what() + "\n";
    }
    return reply;
}

std::vector<std::string> Session::completion_words() const {
    std::vector<std::string> out;
    for (const std::string& name : env_.names()) out.push_back(env_.function(name) ? name + "(" : name);
    return out;
}

Session::Outcome Session::run(const Statement& s) {
    const Scope scope{env_, s.text, {}};
    Outcome o;
    switch (s.kind) {
        case Statement::Kind::Empty:
            return o;
        case Statement::Kind::Command:
            return run_command(s);
        case Statement::Kind::Definition:
            return define(s);
        case Statement::Kind::Call:
            if (s.name == "critical")
                o.out = critical_report(s.name_at, s.call().args, scope);
            else
                o.result = run_operation(*frontend::op_from_name(s.name), s.name_at, s.call().args, scope);
            break;
        case Statement::Kind::List: {
            Response r;
            r.shape = Response::Shape::Vector;
            r.rows.emplace_back();
            for (const ast::Argument& item : s.list().items) r.rows[0].push_back(expand(item, scope));
            if (r.rows[0].empty()) throw error_at(s.text, s.name_at, "the list is empty");
            o.result = std::move(r);
            break;
        }
        case Statement::Kind::Expression:
        {
            const ast::Argument whole(s.expression());
            o.result = run_operation(Operation::Simplify, begin_of(s.expression()), std::span(&whole, 1), scope);
        }
            break;
    }
    o.record = true;
    return o;
}

Session::Outcome Session::define(const Statement& s) {
    Outcome o;
    o.record = true;
    const ast::Definition& d = s.definition();
    std::vector<std::string> params;
    for (const ast::Name& p : d.params) params.push_back(p.name);
    const Scope scope{env_, s.text, params};
    const Expr body = expand(d.body, scope);
    o.out = style_.name(head(s.name, params)) + " = " + infix_or_note(body) + "\n";
    if (params.empty()) {
        o.change = [name = s.name, body](Environment& env) { env.define(name, body); };
    } else {
        Function f;
        for (const std::string& p : params) f.params.push_back(core::sym(p));
        f.body = body;
        o.change = [name = s.name, f](Environment& env) { env.define(name, f); };
    }
    return o;
}

}  // namespace nabla::repl

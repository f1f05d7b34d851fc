// expand.cpp — the session's names as a resolver for the expression language's lowering.
#include "frontend/repl/expand.hpp"

#include <algorithm>
#include <charconv>

#include "core/build.hpp"
#include "core/error.hpp"
#include "frontend/repl/operations.hpp"
#include "frontend/repl/statement.hpp"
#include "frontend/repl/workbench.hpp"
#include "parse/lower.hpp"

namespace nabla::repl {
namespace {

using core::Expr;

class SessionNames : public parse::Resolver {
public:
    explicit SessionNames(const Scope& scope) : scope_(scope) {}

    std::optional<Expr> name(const ast::Name& n) override {
        if (scope_.is_bound(n.name)) return std::nullopt;
        if (n.name == "ans") return result(parse::offset_of(n), 0);
        if (const Expr* v = scope_.env.variable(n.name)) return *v;
        if (const Function* f = scope_.env.function(n.name)) return f->body;  // a bare function name is its body
        return std::nullopt;
    }

    Expr reference(const ast::Reference& r, parse::Lowering&) override {
        std::size_t number = 0;
        const std::string& digits = r.digits;
        if (std::from_chars(digits.data(), digits.data() + digits.size(), number).ec != std::errc() || number == 0)
            throw error_at(scope_.text, parse::offset_of(r), "there is no result %" + digits);
        return result(parse::offset_of(r), number);
    }

    std::optional<Expr> call(const ast::Call& c, parse::Lowering& lower) override {
        if (scope_.is_bound(c.name)) return std::nullopt;
        if (const Function* f = scope_.env.function(c.name)) return apply(*f, c, lower);
        if (c.name == "diff") return derivative_of(parse::offset_of(c), c.args, scope_);
        if (is_workbench_function(c.name)) return workbench_value(c.name, parse::offset_of(c), c.args, scope_);
        if (is_call_operation(c.name)) {
            const char* gives = c.name == "grad" ? "a list" : c.name == "critical" ? "a report" : "a matrix";
            throw error_at(scope_.text, parse::offset_of(c),
                           c.name + "(...) gives " + gives + ", so it must be a statement of its own");
        }
        return std::nullopt;
    }

private:
    Expr result(std::size_t where, std::size_t number) const {
        try {
            const frontend::Response& r = result_at(where, number, scope_);
            return scalar_of(r, number ? number : scope_.env.result_count());
        } catch (const Error&) {
            rethrow_at(scope_.text, where);
        }
    }

    Expr apply(const Function& f, const ast::Call& c, parse::Lowering& lower) const {
        if (c.args.size() != f.params.size()) {
            std::string params;
            for (const Expr& p : f.params) params += (params.empty() ? "" : ", ") + p.name();
            throw error_at(scope_.text, parse::offset_of(c),
                           c.name + " takes " + std::to_string(f.params.size()) + " argument" +
                               (f.params.size() == 1 ? "" : "s") + " (" + params + "), got " +
                               std::to_string(c.args.size()));
        }
        std::vector<Expr> values;
        for (const ast::Argument& a : c.args) values.push_back(lower.argument(a));
        try {
            return core::substitute(f.body, f.params, values);
        } catch (const Error&) {
            rethrow_at(scope_.text, parse::offset_of(c));
        }
    }

    const Scope& scope_;
};

}  // namespace

bool Scope::is_bound(std::string_view name) const {
    return std::find(bound.begin(), bound.end(), name) != bound.end();
}

void rethrow_at(std::string_view statement, std::size_t at) {
    try {
        throw;
    } catch (const Error& e) {
        if (e.position()) throw;
        throw error_at(statement, at, e.what());
    }
}

const frontend::Response& result_at(std::size_t at, std::size_t number, const Scope& scope) {
    const std::size_t count = scope.env.result_count();
    if (count == 0) throw error_at(scope.text, at, "there are no results yet");
    if (number == 0) number = count;
    const frontend::Response* r = scope.env.result(number);
    if (!r)
        throw error_at(scope.text, at,
                       "there is no result %" + std::to_string(number) + " (the results are %1 to %" +
                           std::to_string(count) + ")");
    return *r;
}

Expr expand(const ast::Sum& expression, const Scope& scope) {
    SessionNames names(scope);
    return parse::Lowering(scope.text, &names).sum(expression);
}

Expr expand(const ast::Argument& argument, const Scope& scope) {
    SessionNames names(scope);
    return parse::Lowering(scope.text, &names).argument(argument);
}

}  // namespace nabla::repl

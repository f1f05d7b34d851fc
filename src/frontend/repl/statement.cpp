// statement.cpp — the grammar's statement tree, sorted into the kinds the session runs.
#include "frontend/repl/statement.hpp"

#include <algorithm>
#include <array>

#include "core/text.hpp"
#include "frontend/repl/workbench.hpp"
#include "parse/lower.hpp"
#include "parse/parse.hpp"
#include "parse/statement.hpp"

namespace nabla::repl {
namespace {

namespace x3 = boost::spirit::x3;

constexpr std::array<std::string_view, 5> call_operations{"diff", "grad", "hessian", "jacobian", "critical"};

// What the grammar cannot see: names that may not be defined or be parameters.
void check_definition(std::string_view text, const ast::Definition& d) {
    const std::string& name = d.name.name;
    if (is_reserved_name(name))
        throw error_at(text, parse::offset_of(d.name), "'" + name + "' cannot be defined: the REPL reserves it");
    if (!parse::is_variable_name(name))
        throw error_at(text, parse::offset_of(d.name), "'" + name + "' cannot be defined: it is a built-in name");
    for (std::size_t i = 0; i < d.params.size(); ++i) {
        const std::string& param = d.params[i].name;
        if (!parse::is_variable_name(param) || is_reserved_name(param))
            throw error_at(text, parse::offset_of(d.params[i]), "'" + param + "' cannot be a parameter name");
        for (std::size_t j = 0; j < i; ++j)
            if (d.params[j].name == param)
                throw error_at(text, parse::offset_of(d.params[i]), "parameter '" + param + "' appears twice");
    }
}

}  // namespace

std::string_view Statement::command_text() const {
    const std::size_t begin = core::skip_blank(text, rest);
    std::size_t end = text.size();
    while (end > begin && core::is_blank(text[end - 1])) --end;
    return text.substr(begin, end - begin);
}

bool is_call_operation(std::string_view name) {
    return std::find(call_operations.begin(), call_operations.end(), name) != call_operations.end();
}

bool is_reserved_name(std::string_view name) {
    return name == "ans" || is_call_operation(name) || is_workbench_function(name);
}

Statement parse_statement(std::string_view text) {
    Statement s;
    s.text = text;
    auto tree = parse::parse_statement(text);
    if (!tree) return s;
    s.tree = std::move(*tree);
    if (const auto* c = boost::get<ast::Command>(&s.tree.get())) {
        s.kind = Statement::Kind::Command;
        s.name = c->name;
        s.name_at = parse::offset_of(*c);
        s.rest = s.name_at + 1 + c->name.size();
    } else if (const auto* d = boost::get<ast::Definition>(&s.tree.get())) {
        check_definition(text, *d);
        s.kind = Statement::Kind::Definition;
        s.name = d->name.name;
        s.name_at = parse::offset_of(d->name);
    } else if (const ast::Call* call = call_of(s.expression()); call && is_call_operation(call->name)) {
        s.kind = Statement::Kind::Call;
        s.name = call->name;
        s.name_at = parse::offset_of(*call);
    } else if (list_of(s.expression())) {
        s.kind = Statement::Kind::List;
    } else {
        s.kind = Statement::Kind::Expression;
    }
    return s;
}

}  // namespace nabla::repl

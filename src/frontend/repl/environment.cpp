// environment.cpp — the definitions table and the result list.
#include "frontend/repl/environment.hpp"

#include <fmt/format.h>

#include "core/build.hpp"
#include "core/error.hpp"
#include "frontend/repl/output.hpp"
#include "parse/parse.hpp"

namespace nabla::repl {

void Environment::define(const std::string& name, core::Expr value) {
    functions_.erase(name);
    variables_.insert_or_assign(name, std::move(value));
}

void Environment::define(const std::string& name, Function function) {
    variables_.erase(name);
    functions_.insert_or_assign(name, std::move(function));
}

const core::Expr* Environment::variable(std::string_view name) const {
    auto it = variables_.find(name);
    return it == variables_.end() ? nullptr : &it->second;
}

const Function* Environment::function(std::string_view name) const {
    auto it = functions_.find(name);
    return it == functions_.end() ? nullptr : &it->second;
}

bool Environment::forget(std::string_view name) {
    if (auto it = variables_.find(name); it != variables_.end()) {
        variables_.erase(it);
        return true;
    }
    if (auto it = functions_.find(name); it != functions_.end()) {
        functions_.erase(it);
        return true;
    }
    return false;
}

void Environment::forget_all() {
    variables_.clear();
    functions_.clear();
    results_.clear();
}

std::size_t Environment::add_result(frontend::Response result) {
    results_.push_back(std::move(result));
    return results_.size();
}

const frontend::Response* Environment::result(std::size_t number) const {
    if (number == 0 || number > results_.size()) return nullptr;
    return &results_[number - 1];
}

std::vector<std::string> Environment::names() const {
    std::vector<std::string> out;
    for (const auto& [name, value] : variables_) out.push_back(name);
    for (const auto& [name, f] : functions_) out.push_back(name);
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return core::natural_less(a, b); });
    return out;
}

std::string Environment::listing() const {
    std::string out;
    for (const std::string& name : names()) {
        if (const core::Expr* v = variable(name)) {
            out += name + " = " + infix_or_note(*v) + "\n";
        } else if (const Function* f = function(name)) {
            std::string params;
            for (const core::Expr& p : f->params) params += (params.empty() ? "" : ", ") + p.name();
            out += name + "(" + params + ") = " + infix_or_note(f->body) + "\n";
        }
    }
    return out;
}

core::Expr scalar_of(const frontend::Response& r, std::size_t number) {
    using Shape = frontend::Response::Shape;
    if (r.shape == Shape::Scalar) return r.rows[0][0];
    if (r.shape == Shape::Value) {
        if (r.value.exact) return core::num(*r.value.exact);
        // The shortest decimal that reads back as the double, held exactly.
        return parse::parse(fmt::format("{}", r.value.number));
    }
    throw Error(fmt::format("result [{}] is a {}; only a single expression can be used here", number,
                            r.shape == Shape::Vector ? "list" : "matrix"));
}

}  // namespace nabla::repl

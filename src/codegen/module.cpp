// module.cpp — differentiation, lowering and the choice of gradient program for one Spec.
#include "codegen/module.hpp"

#include "core/build.hpp"
#include "core/error.hpp"
#include "diff/calculus.hpp"
#include "print/print.hpp"
#include "tape/lower.hpp"
#include "tape/reverse.hpp"

#include <algorithm>
#include <array>
#include <unordered_set>

namespace nabla::codegen {

using tape::Program;
using tape::Ref;
using tape::Lowering;

using core::Expr;

namespace {

constexpr std::size_t max_shown_chars = 240;  // of each expression, in the header comment

bool is_c_identifier(const std::string& s) {
    static constexpr std::array<std::string_view, 32> reserved = {
        "auto", "bool", "break", "case", "char", "class", "const", "continue", "default", "delete", "do",
        "double", "else", "enum", "extern", "float", "for", "if", "inline", "int", "long", "namespace",
        "new", "return", "short", "signed", "sizeof", "static", "struct", "switch", "unsigned", "void"};
    if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
    for (char c : s)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
    if (s.starts_with("nabla_") || s.starts_with("__")) return false;
    return std::find(reserved.begin(), reserved.end(), s) == reserved.end();
}

void validate(const Spec& spec) {
    if (!is_c_identifier(spec.name))
        throw Error("'" + spec.name + "' cannot name generated functions (a C identifier, not a keyword, not nabla_...)");
    if (spec.exprs.empty()) throw Error("codegen needs at least one expression");
    if (spec.exprs.size() > 1 && spec.hessian)
        throw Error("--hessian needs a single expression; several expressions make a Jacobian");
    std::unordered_set<const core::Node*> vars, params;
    for (const Expr& v : spec.vars)
        if (!v.is(core::Kind::Symbol) || !vars.insert(v.id()).second)
            throw Error("the variables must be distinct names");
    for (const Expr& p : spec.params) {
        if (!p.is(core::Kind::Symbol) || !params.insert(p.id()).second)
            throw Error("the parameters must be distinct names");
        if (vars.contains(p.id())) throw Error("'" + p.name() + "' is both a variable and a parameter");
    }
    for (const Expr& s : core::free_symbols(spec.exprs))
        if (!vars.contains(s.id()) && !params.contains(s.id()))
            throw Error("'" + s.name() + "' is neither a variable (--vars) nor a parameter (--params)");
}

std::string shown(const Expr& e) {
    std::string text = print::infix(e);
    if (text.size() > max_shown_chars) text = text.substr(0, max_shown_chars) + " ...";
    return text;
}

// `line` followed by the names, wrapped.
std::vector<std::string> inputs_comment(std::string line, const std::vector<Expr>& names) {
    std::vector<std::string> lines;
    for (const Expr& v : names) {
        if (line.size() + v.name().size() > 95) {
            lines.push_back(line);
            line = "   ";
        }
        line += " " + v.name();
    }
    lines.push_back(line);
    return lines;
}

// The value and gradient of f in a fresh program, and what they cost.
struct Candidate {
    Program program;
    Ref value;
    std::vector<Ref> gradient;
    std::size_t cost = 0;
};

Program program_for(const Spec& spec) { return Program(spec.vars.size(), spec.params.size()); }

Candidate adjoint_candidate(const Spec& spec) {
    Candidate c{program_for(spec), {}, {}};
    c.value = Lowering(c.program, spec.vars, spec.params)(spec.exprs[0]);
    c.gradient = tape::reverse_gradient(c.program, c.value);
    return c;
}

Candidate symbolic_candidate(const Spec& spec, const std::vector<Expr>& gradient) {
    Candidate c{program_for(spec), {}, {}};
    Lowering lower(c.program, spec.vars, spec.params);
    c.value = lower(spec.exprs[0]);
    for (const Expr& g : gradient) c.gradient.push_back(lower(g));
    return c;
}

std::size_t cost(Candidate& c) {
    std::vector<Ref> outputs{c.value};
    outputs.insert(outputs.end(), c.gradient.begin(), c.gradient.end());
    return c.program.count_live(outputs);
}

class Assembler {
public:
    explicit Assembler(Module& m) : m_(m) {}

    EntryPoint& add(std::string suffix, std::vector<std::string> outputs, std::string comment, bool batch) {
        EntryPoint f;
        f.name = m_.name + suffix;
        f.outputs = std::move(outputs);
        f.comment = std::move(comment);
        f.batch = batch;
        m_.entry_points.push_back(std::move(f));
        return m_.entry_points.back();
    }

    static void store_all(EntryPoint& f, const std::string& array, const std::vector<Ref>& values) {
        for (std::size_t k = 0; k < values.size(); ++k) f.stores.push_back({array, k, values[k]});
    }

private:
    Module& m_;
};

void add_scalar_entry_points(Module& m, Ref value, const std::vector<Ref>& gradient) {
    Assembler a(m);
    EntryPoint& f = a.add("", {}, "value at x[0..n)", false);
    f.returns = true;
    f.result = value;
    EntryPoint& g = a.add("_grad", {"g"}, "value; gradient into g[0..n)", false);
    g.returns = true;
    g.result = value;
    Assembler::store_all(g, "g", gradient);
    EntryPoint& fb = a.add("_batch", {"F"}, "F[i] = value at point i (X[v*m + i])", true);
    fb.stores.push_back({"F", 0, value});
    EntryPoint& gb = a.add("_grad_batch", {"F", "G"},
                         "F[i] = value, G[v*m + i] = gradient entry v at point i", true);
    gb.stores.push_back({"F", 0, value});
    Assembler::store_all(gb, "G", gradient);
}

void add_hessian_entry_points(Module& m, const Spec& spec, Ref value, const std::vector<Ref>& gradient,
                              const SparseMatrix& h, const std::vector<Ref>& entries) {
    Assembler a(m);
    const std::size_t n = spec.vars.size();
    EntryPoint& dense = a.add("_hess", {"g", "H"},
                            "value; gradient into g[0..n); dense Hessian into H[i*n + j]", false);
    dense.returns = true;
    dense.result = value;
    Assembler::store_all(dense, "g", gradient);
    dense.zero_array = "H";
    dense.zero_count = n * n;
    for (std::size_t k = 0; k < h.nnz(); ++k) {
        dense.stores.push_back({"H", h.row[k] * n + h.col[k], entries[k]});
        if (h.row[k] != h.col[k]) dense.stores.push_back({"H", h.col[k] * n + h.row[k], entries[k]});
    }
    EntryPoint& values = a.add("_hess_values", {"values"},
                             "the lower-triangle nonzeros, in the order of _hess_pattern", false);
    Assembler::store_all(values, "values", entries);
    m.patterns.push_back({m.name + "_hess", h});
    if (spec.batch) {
        EntryPoint& vb = a.add("_hess_values_batch", {"V"},
                             "V[k*m + i] = Hessian nonzero k at point i", true);
        Assembler::store_all(vb, "V", entries);
    }
}

void add_jacobian_entry_points(Module& m, const Spec& spec, const std::vector<Ref>& values,
                               const SparseMatrix& j, const std::vector<Ref>& entries) {
    Assembler a(m);
    const std::size_t n = spec.vars.size();
    if (values.size() > 1) {
        EntryPoint& e = a.add("_eval", {"y"}, "values of the k expressions into y[0..k)", false);
        Assembler::store_all(e, "y", values);
        EntryPoint& eb = a.add("_eval_batch", {"Y"}, "Y[r*m + i] = expression r at point i", true);
        Assembler::store_all(eb, "Y", values);
    }
    EntryPoint& dense = a.add("_jac", {"y", "J"}, "values into y[0..k); dense Jacobian into J[r*n + c]",
                            false);
    Assembler::store_all(dense, "y", values);
    dense.zero_array = "J";
    dense.zero_count = values.size() * n;
    for (std::size_t k = 0; k < j.nnz(); ++k) dense.stores.push_back({"J", j.row[k] * n + j.col[k], entries[k]});
    EntryPoint& nz = a.add("_jac_values", {"values"}, "the nonzeros, in the order of _jac_pattern", false);
    Assembler::store_all(nz, "values", entries);
    m.patterns.push_back({m.name + "_jac", j});
    if (spec.batch) {
        EntryPoint& vb = a.add("_jac_values_batch", {"V"},
                             "V[k*m + i] = Jacobian nonzero k at point i", true);
        Assembler::store_all(vb, "V", entries);
    }
}

std::string method_comment(const char* chosen, std::size_t chosen_cost, const char* other, std::size_t other_cost) {
    return std::string("gradient: ") + chosen + ", " + std::to_string(chosen_cost)
           + " instructions with the value" + (other ? std::string(" (") + other + ": " + std::to_string(other_cost) + ")" : "");
}

}  // namespace

Module build_module(const Spec& spec) {
    validate(spec);
    Module m;
    m.name = spec.name;
    m.header.push_back(spec.name + ".hpp — generated by nabla codegen; C++17, needs only <cmath> and <cstddef>.");
    m.header.push_back("Entry points, layout and semantics: docs/codegen.md.");
    for (std::size_t r = 0; r < spec.exprs.size(); ++r)
        m.header.push_back((spec.exprs.size() == 1 ? spec.name : spec.name + "[" + std::to_string(r) + "]") + " = "
                           + shown(spec.exprs[r]));
    for (std::string& line : inputs_comment("x[i] for i = 0, 1, ...:", spec.vars))
        m.header.push_back(std::move(line));
    if (!spec.params.empty())
        for (std::string& line : inputs_comment("p[k] for k = 0, 1, ...:", spec.params))
            m.header.push_back(std::move(line));

    if (spec.exprs.size() == 1) {
        const Expr& f = spec.exprs[0];
        std::vector<Expr> symbolic;
        if (spec.gradient != GradientMethod::Adjoint || spec.hessian) symbolic = diff::gradient(f, spec.vars);
        Candidate chosen{Program(0), {}, {}};
        if (spec.gradient == GradientMethod::Auto) {
            Candidate adj = adjoint_candidate(spec);
            Candidate sym = symbolic_candidate(spec, symbolic);
            const std::size_t ca = cost(adj), cs = cost(sym);
            const bool take_adjoint = ca <= cs;
            m.header.push_back(take_adjoint ? method_comment("reverse mode (adjoint)", ca, "symbolic", cs)
                                            : method_comment("symbolic", cs, "reverse mode", ca));
            chosen = take_adjoint ? std::move(adj) : std::move(sym);
        } else if (spec.gradient == GradientMethod::Adjoint) {
            chosen = adjoint_candidate(spec);
            m.header.push_back(method_comment("reverse mode (adjoint)", cost(chosen), nullptr, 0));
        } else {
            chosen = symbolic_candidate(spec, symbolic);
            m.header.push_back(method_comment("symbolic", cost(chosen), nullptr, 0));
        }
        m.program = std::move(chosen.program);
        add_scalar_entry_points(m, chosen.value, chosen.gradient);
        Lowering lower(m.program, spec.vars, spec.params);
        if (spec.hessian) {
            const SparseMatrix h = sparse_hessian_lower(symbolic, spec.vars);
            std::vector<Ref> entries;
            for (const Expr& e : h.value) entries.push_back(lower(e));
            m.header.push_back("Hessian: " + std::to_string(h.nnz()) + " structural nonzeros in the lower triangle");
            add_hessian_entry_points(m, spec, chosen.value, chosen.gradient, h, entries);
        }
        if (spec.jacobian) {
            const SparseMatrix j = sparse_jacobian(spec.exprs, spec.vars);
            std::vector<Ref> entries;
            for (const Expr& e : j.value) entries.push_back(lower(e));
            add_jacobian_entry_points(m, spec, {chosen.value}, j, entries);
        }
        return m;
    }

    m.program = program_for(spec);
    Lowering lower(m.program, spec.vars, spec.params);
    std::vector<Ref> values;
    for (const Expr& e : spec.exprs) values.push_back(lower(e));
    const SparseMatrix j = sparse_jacobian(spec.exprs, spec.vars);
    std::vector<Ref> entries;
    for (const Expr& e : j.value) entries.push_back(lower(e));
    m.header.push_back("Jacobian: " + std::to_string(j.nnz()) + " structural nonzeros");
    add_jacobian_entry_points(m, spec, values, j, entries);
    return m;
}

}  // namespace nabla::codegen

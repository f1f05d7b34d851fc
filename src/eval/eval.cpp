// eval.cpp — exact evaluation by substitution and folding, double evaluation by the tape.
#include "eval/eval.hpp"

#include "core/build.hpp"
#include "core/double.hpp"
#include "core/error.hpp"
#include "core/function_table.hpp"
#include "core/limits.hpp"
#include "core/number.hpp"
#include "core/traverse.hpp"
#include "tape/tape.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <numbers>
#include <unordered_map>

namespace nabla::eval {

using core::Expr;
using core::Func;
using core::Kind;

namespace {

// ---------------------------------------------------------------------------------------------
// The DAG in post-order: children before parents, each node once.

struct Dag {
    std::vector<const Expr*> nodes;                        // post-order
    std::unordered_map<const void*, std::uint32_t> slot;  // node id -> index in `nodes`

    std::uint32_t index(const Expr& e) const { return slot.at(e.id()); }
};

Dag dag_of(std::span<const Expr> roots) {
    Dag dag;
    core::post_order(roots, [&](const Expr& e) {
        dag.slot.emplace(e.id(), static_cast<std::uint32_t>(dag.nodes.size()));
        dag.nodes.push_back(&e);
    });
    return dag;
}

// nabla::Error("no value for 'y'") for the first symbol (natural order) without a value.
template <class HasValue>
void require_values(const Dag& dag, HasValue has_value) {
    const std::string* missing = nullptr;
    for (const Expr* e : dag.nodes) {
        if (!e->is(Kind::Symbol) || has_value(*e)) continue;
        if (!missing || core::natural_less(e->name(), *missing)) missing = &e->name();
    }
    if (missing) throw Error("no value for '" + *missing + "'");
}

// ---------------------------------------------------------------------------------------------
// Exact evaluation.

std::size_t bits(const mpq_class& q) {
    return mpz_sizeinbase(q.get_num_mpz_t(), 2) + mpz_sizeinbase(q.get_den_mpz_t(), 2);
}

// Bits of the exact numbers a constructor combines when `e` is one of its arguments: a Number,
// the coefficient of a product, the numbers and coefficients of a sum's terms.
std::size_t number_bits(const Expr& e) {
    auto coefficient_bits = [](const Expr& t) -> std::size_t {
        if (t.is_number()) return bits(t.value());
        if (t.is(Kind::Mul) && t.arg(0).is_number()) return bits(t.arg(0).value());
        return 0;
    };
    if (!e.is(Kind::Add)) return coefficient_bits(e);
    std::size_t total = 0;
    for (const Expr& t : e.args()) total += coefficient_bits(t);
    return total;
}

// c*pi with c = k + 1/2: where cos is zero (the core leaves tan there unevaluated).
bool is_pole_of_tan(const Expr& a) {
    if (!a.is(Kind::Mul) || a.size() != 2 || !a.arg(0).is_number() || !a.arg(1).is(Kind::Constant)
        || a.arg(1).constant() != core::Constant::Pi)
        return false;
    return a.arg(0).value().get_den() == 2;
}

// Exact domain checks on a node of the substituted expression whose arguments are numbers:
// they catch a violation before a later fold hides it (sqrt(x)*sqrt(y) at x = y = -1 would
// fold to -1), and poles that double arithmetic would miss (tan(pi/2) is 1.6e16 in double).
void check_exact(const Expr& e) {
    if (e.is(Kind::Pow) && e.arg(0).is_number() && e.arg(1).is_number()) {
        const mpq_class& base = e.arg(0).value();
        const mpq_class& exponent = e.arg(1).value();
        if (sgn(base) < 0 && mpz_even_p(exponent.get_den_mpz_t())) {
            const double b = core::to_double(base);
            if (exponent.get_den() == 2 && abs(exponent.get_num()) == 1)
                throw DomainError("sqrt(" + core::to_text(b) + ") is undefined (square root of a negative number)");
            throw DomainError("(" + core::to_text(b) + ")^(" + exponent.get_str()
                              + ") is undefined (even root of a negative number)");
        }
        return;
    }
    if (e.is_call(Func::Tan) && is_pole_of_tan(e.arg(0)))
        throw DomainError("tan(" + e.arg(0).arg(0).value().get_str() + "*pi) is undefined (a pole of tan)");
    if (!e.is(Kind::Call) || core::func_arity(e.func()) != 1 || !e.arg(0).is_number()) return;
    const mpq_class& v = e.arg(0).value();
    if (auto problem = core::domain_problem(e.func(), v, std::string(core::func_name(e.func())) + "(" + core::to_text(core::to_double(v)) + ")"))
        throw DomainError(*problem);
}


// The expression with the point substituted and folded by the canonical constructors, or
// nothing when that would combine exact numbers beyond limits::max_number_bits.
std::optional<Expr> substitute_exact(const Dag& dag, const Point& at) {
    std::vector<Expr> value(dag.nodes.size());
    std::vector<std::size_t> size(dag.nodes.size());
    for (std::size_t i = 0; i < dag.nodes.size(); ++i) {
        const Expr& e = *dag.nodes[i];
        if (e.is(Kind::Symbol)) {
            value[i] = core::num(at.find(e.name())->second);
        } else if (e.args().empty()) {
            value[i] = e;
        } else {
            std::vector<Expr> args;
            args.reserve(e.size());
            bool changed = false;
            std::size_t combined = 0;
            for (const Expr& a : e.args()) {
                const std::uint32_t j = dag.index(a);
                args.push_back(value[j]);
                changed = changed || !(value[j] == a);
                combined += size[j];
            }
            if (combined > limits::max_number_bits) return std::nullopt;
            value[i] = changed ? core::rebuild(e, std::move(args)) : e;
            check_exact(value[i]);
        }
        size[i] = number_bits(value[i]);
        if (size[i] > limits::max_number_bits) return std::nullopt;  // the core's bound is loose
    }
    // Nodes the constructors made inside a fold were not seen above: tan(-3/2*pi) becomes
    // -tan(3/2*pi).
    const Expr result[] = {value.back()};
    core::post_order(result, check_exact);
    return value.back();
}

double run_one_checked(std::span<const Expr> roots, std::span<const Expr> symbols, std::span<const double> x) {
    double out = 0;
    tape::Tape(roots, symbols).run_checked(x, std::span<double>(&out, 1));
    return out;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// evaluate.

void check_exact_domains(const Expr& e) {
    const Expr roots[] = {e};
    core::post_order(roots, check_exact);
}

Value evaluate(const Expr& e, const Point& at) {
    const Expr roots[] = {e};
    const Dag dag = dag_of(roots);
    require_values(dag, [&](const Expr& s) { return at.contains(s.name()); });

    if (std::optional<Expr> folded = substitute_exact(dag, at)) {
        if (folded->is_number()) {
            const mpq_class& q = folded->value();
            const double d = core::to_double(q);
            if (!std::isfinite(d))
                throw DomainError("overflow: the value (" + core::magnitude(q) + ") is too large for a double");
            return Value{d, q};
        }
        // No symbols are left: what remains is evaluated in double.
        const Expr rest[] = {*folded};
        return Value{run_one_checked(rest, {}, {}), std::nullopt};
    }
    // Exact numbers grew too large: evaluate the original expression in double.
    std::vector<Expr> symbols;
    std::vector<double> x;
    for (const Expr* node : dag.nodes) {
        if (!node->is(Kind::Symbol)) continue;
        symbols.push_back(*node);
        x.push_back(core::to_double(at.find(node->name())->second));
    }
    return Value{run_one_checked(roots, symbols, x), std::nullopt};
}

}  // namespace nabla::eval

// collect.cpp — collect: an expanded expression grouped by the powers of some variables.
#include "simplify/algebra.hpp"

#include "core/build.hpp"
#include "core/error.hpp"

#include <map>
#include <vector>

namespace nabla::simplify {

namespace {

using core::Expr;
using core::Kind;

// The power of x in the factor f: 1 for x, r for x^r with r a number, else 0.
mpq_class power_in(const Expr& f, const Expr& x) {
    if (f == x) return 1;
    if (f.is(Kind::Pow) && f.arg(0) == x && f.arg(1).is_number()) return f.arg(1).value();
    return 0;
}

struct Split {
    mpq_class power;
    Expr rest;
};

// A term as x^power * rest, rest free of factors x^r.
Split split_term(const Expr& term, const Expr& x) {
    if (!term.is(Kind::Mul)) {
        const mpq_class k = power_in(term, x);
        return {k, sgn(k) == 0 ? term : core::one()};
    }
    Split s{0, core::one()};
    std::vector<Expr> rest;
    for (const Expr& f : term.args()) {
        const mpq_class k = power_in(f, x);
        if (sgn(k) == 0)
            rest.push_back(f);
        else
            s.power = k;  // canonical products hold x once
    }
    s.rest = core::mul(std::move(rest));
    return s;
}

// The terms of `e` grouped by their power of vars[0], each coefficient grouped by the others.
Expr group(const Expr& e, std::span<const Expr> vars) {
    if (vars.empty()) return e;
    const std::span<const Expr> terms = e.is(Kind::Add) ? e.args() : std::span<const Expr>(&e, 1);
    std::map<mpq_class, std::vector<Expr>> by_power;
    for (const Expr& t : terms) {
        core::check_cancel();
        Split s = split_term(t, vars[0]);
        by_power[s.power].push_back(std::move(s.rest));
    }
    std::vector<Expr> out;
    for (auto& [k, coefficient_terms] : by_power) {
        const Expr coefficient = group(core::add(std::move(coefficient_terms)), vars.subspan(1));
        out.push_back(core::mul(coefficient, core::pow(vars[0], core::num(k))));
    }
    return core::add(std::move(out));
}

}  // namespace

Expr collect(const Expr& e, std::span<const Expr> vars) {
    for (const Expr& x : vars)
        if (!x.is(Kind::Symbol)) throw Error("collect needs symbols to collect by");
    return group(expand(e), vars);
}

}  // namespace nabla::simplify

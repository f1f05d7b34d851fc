// infix.cpp — the infix printer: minimal parentheses, output re-parses to the same node.
#include "core/build.hpp"
#include "core/limits.hpp"
#include "core/error.hpp"
#include "print/bottom_up.hpp"
#include "print/cse.hpp"
#include "print/layout.hpp"
#include "print/print.hpp"
#include "print/size_guard.hpp"

#include <optional>

namespace nabla::print {
namespace {

using core::Expr;
using core::Kind;

// Binding strength of what was printed; a context wraps anything looser in parentheses.
using Prec = InfixPrec;
using enum InfixPrec;
using Printed = InfixPiece;

std::string wrap(const Printed& p, Prec at_least) {
    return p.prec >= at_least ? p.text : "(" + p.text + ")";
}

Printed print_number(const mpq_class& v) {
    std::string s = v.get_str();
    if (v.get_den() != 1) return {s, s[0] == '-' ? Unary : Product};
    return {s, sgn(v) < 0 ? Unary : Atom};
}

// Prints one expression; `lookup_`, when set, may stand in for any non-atom node below the top.
class Printer {
public:
    explicit Printer(const InfixLookup* lookup = nullptr) : lookup_(lookup) {}

    Printed print(const Expr& e) {
        if (const Printed* p = looked_up(e)) return *p;
        return structure(e);
    }

    Printed structure(const Expr& e) {
        switch (e.kind()) {
        case Kind::Number: return print_number(e.value());
        case Kind::Symbol: return {std::string(symbol_text(e.name())), Atom};
        case Kind::Constant: return {e.constant() == core::Constant::Pi ? "pi" : "e", Atom};
        case Kind::Add: return print_sum(e);
        case Kind::Mul: return print_product(e);
        case Kind::Pow: return print_power(e);
        case Kind::Call: {
            std::string out(core::func_name(e.func()));
            out += "(";
            for (std::size_t i = 0; i < e.size(); ++i) {
                if (i) out += ", ";
                out += print(e.arg(i)).text;
            }
            return {out + ")", Atom};
        }
        }
        return {"", Atom};
    }

private:
    const Printed* looked_up(const Expr& e) const {
        if (!lookup_ || e.args().empty()) return nullptr;
        return (*lookup_)(e);
    }

    Printed print_sum(const Expr& e) {
        std::string out;
        bool first = true;
        for (const Expr& t : display_terms(e)) {
            if (first) {
                out = print(t).text;
                first = false;
            } else if (core::reads_negative(t)) {
                out += " - " + wrap(print(core::neg(t)), Product);
            } else {
                out += " + " + wrap(print(t), Product);
            }
        }
        return {out, Sum};
    }

    std::vector<Printed> print_all(const std::vector<Expr>& factors) {
        std::vector<Printed> out;
        out.reserve(factors.size());
        for (const Expr& f : factors) out.push_back(print(f));
        return out;
    }

    static std::string join_factors(const mpz_class& coef, const std::vector<Printed>& factors) {
        std::string out = coef != 1 || factors.empty() ? coef.get_str() : "";
        for (const Printed& f : factors) {
            if (!out.empty()) out += "*";
            out += wrap(f, Unary);
        }
        return out;
    }

    // The parser builds "2*(x + y)" and "-(x + y)" on their own as sums (a number times a
    // lone sum distributes), so a product whose text would hold one of them is written so
    // that it re-parses to the same node: 1/2/(x + y), -((x + y)*z).
    Printed print_product(const Expr& e) {
        const Fraction f = as_fraction(e);
        if (!f.negative && f.coef_num == 1 && f.coef_den == 1 && f.denominator.empty() && f.numerator.size() == 1)
            return print(f.numerator[0]);
        const std::vector<Printed> numerator = print_all(f.numerator);
        const std::vector<Printed> denominator = print_all(f.denominator);
        std::string text = join_factors(f.coef_num, numerator);
        const std::size_t den_count = f.denominator.size() + (f.coef_den != 1 ? 1 : 0);
        if (den_count == 2 && denominator.size() == 1 && denominator[0].prec == Sum) {
            text.append("/").append(f.coef_den.get_str()).append("/").append(wrap(denominator[0], Power));
        } else if (den_count > 0) {
            std::string den = join_factors(f.coef_den, denominator);
            if (den_count > 1) {
                den = "(" + den + ")";
            } else if (f.coef_den == 1) {
                den = wrap(denominator[0], Power);
            }
            text += "/" + den;
        }
        if (!f.negative) return {text, Product};
        if (f.coef_num == 1 && !numerator.empty() && numerator[0].prec == Sum)
            return {"-(" + text + ")", Unary};
        return {"-" + text, Unary};
    }

    Printed print_power(const Expr& e) {
        if (is_sqrt(e)) return {"sqrt(" + print(e.arg(0)).text + ")", Atom};
        if (e.arg(1).is_number() && sgn(e.arg(1).value()) < 0) return print_product(e);
        return {wrap(print(e.arg(0)), Atom) + "^" + wrap(print(e.arg(1)), Atom), Power};
    }

    const InfixLookup* lookup_;
};

}  // namespace

std::string infix(const Expr& e) {
    check_printable(e);
    if (e.depth() > max_recursive_depth) return print_bottom_up<Printer, Printed>(e);
    return Printer().print(e).text;
}

InfixPiece infix_with(const Expr& e, const InfixLookup& lookup) { return Printer(&lookup).structure(e); }

}  // namespace nabla::print

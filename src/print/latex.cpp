// latex.cpp — the LaTeX printer: the structure of infix.cpp, spelled for math mode.
// It walks the same display DAG (cse.hpp) as infix.cpp when an expression is deep.
#include "core/build.hpp"
#include "core/function_table.hpp"
#include "print/bottom_up.hpp"
#include "print/cse.hpp"
#include "print/layout.hpp"
#include "print/print.hpp"
#include "print/size_guard.hpp"

#include <array>
#include <functional>
#include <optional>
#include <string_view>

namespace nabla::print {
namespace {

using core::Expr;
using core::Func;
using core::Kind;

// Binding strength of what was printed; a context wraps anything looser in \left( \right).
enum Prec { Sum = 1, Product = 2, Unary = 3, Power = 4, Atom = 5 };

struct Printed {
    std::string text;
    Prec prec;
};

std::string parens(const std::string& text) { return "\\left(" + text + "\\right)"; }

std::string wrap(const Printed& p, Prec at_least) { return p.prec >= at_least ? p.text : parens(p.text); }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// ---- Names

constexpr std::array<std::string_view, 40> greek{
    "alpha", "beta",    "gamma", "delta", "epsilon", "varepsilon", "zeta",   "eta",   "theta", "vartheta",
    "iota",  "kappa",   "lambda", "mu",   "nu",      "xi",         "pi",     "varpi", "rho",   "varrho",
    "sigma", "varsigma", "tau",  "upsilon", "phi",   "varphi",     "chi",    "psi",   "omega", "Gamma",
    "Delta", "Theta",   "Lambda", "Xi",   "Pi",      "Sigma",      "Upsilon", "Phi",  "Psi",   "Omega"};

// One name without subscript: x, \alpha, \mathrm{rate}.
std::string plain_name(std::string_view s) {
    for (std::string_view g : greek)
        if (s == g) return std::string("\\").append(s);
    if (s.size() == 1) return std::string(s);
    return "\\mathrm{" + std::string(s) + "}";
}

// x12 -> x_{12}, alpha -> \alpha, a_b -> a_{b}, rate -> \mathrm{rate}; a name that begins
// with '#' is LaTeX already (a placeholder of the derivation steps) and is written as is.
std::string symbol_name(std::string_view n) {
    if (n.starts_with('#')) return std::string(n.substr(1));
    if (const auto u = n.find('_'); u != std::string_view::npos) {
        if (u == 0 || u + 1 == n.size()) {
            std::string out = "\\mathrm{";
            for (char c : n) out += c == '_' ? std::string("\\_") : std::string(1, c);
            return out + "}";
        }
        return plain_name(n.substr(0, u)) + "_{" + symbol_name(n.substr(u + 1)) + "}";
    }
    std::size_t d = n.size();
    while (d > 0 && is_digit(n[d - 1])) --d;
    if (d == 0) return std::string(n);  // all digits: the tail of x_12
    if (d < n.size()) return plain_name(n.substr(0, d)) + "_{" + std::string(n.substr(d)) + "}";
    return plain_name(n);
}

// ---- The printer

Printed print_number(const mpq_class& v) {
    if (v.get_den() == 1) return {v.get_str(), sgn(v) < 0 ? Unary : Atom};
    std::string frac = "\\frac{" + mpz_class(abs(v.get_num())).get_str() + "}{" + v.get_den().get_str() + "}";
    if (sgn(v) < 0) return {"-" + frac, Unary};
    return {frac, Product};
}

using Lookup = std::function<const Printed*(const Expr&)>;

// Prints one expression; `lookup_`, when set, stands in for the non-atom nodes below the
// top (the display DAG's pieces when printing bottom-up).
class Printer {
public:
    explicit Printer(const Lookup* lookup = nullptr) : lookup_(lookup) {}

    Printed print(const Expr& e) {
        if (lookup_ && !e.args().empty())
            if (const Printed* p = (*lookup_)(e)) return *p;
        return structure(e);
    }

    Printed structure(const Expr& e) {
        switch (e.kind()) {
        case Kind::Number: return print_number(e.value());
        case Kind::Symbol: return {symbol_name(e.name()), Atom};
        case Kind::Constant: return {e.constant() == core::Constant::Pi ? "\\pi" : "e", Atom};
        case Kind::Add: return print_sum(e);
        case Kind::Mul: return print_product(e);
        case Kind::Pow: return print_power(e);
        case Kind::Call: return print_call(e);
        }
        return {"", Atom};
    }

private:
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

    // Factors side by side ("2 x y"), with \cdot where a factor would begin with a digit.
    // A lone factor inside \frac{}{} needs no parentheses.
    std::string join_factors(const mpz_class& coef, const std::vector<Expr>& factors, bool in_frac) {
        std::vector<Printed> items;
        if (coef != 1 || factors.empty()) items.push_back({coef.get_str(), Atom});
        for (const Expr& f : factors) items.push_back(print(f));
        if (in_frac && items.size() == 1) return items[0].text;
        std::string out;
        for (const Printed& item : items) {
            const std::string text = wrap(item, Unary);
            if (!out.empty()) out += is_digit(text[0]) ? " \\cdot " : " ";
            out += text;
        }
        return out;
    }

    Printed print_product(const Expr& e) {
        const Fraction f = as_fraction(e);
        if (!f.negative && f.coef_num == 1 && f.coef_den == 1 && f.denominator.empty()
            && f.numerator.size() == 1)
            return print(f.numerator[0]);
        std::string text;
        if (f.coef_den != 1 || !f.denominator.empty()) {
            text = "\\frac{" + join_factors(f.coef_num, f.numerator, true) + "}{"
                 + join_factors(f.coef_den, f.denominator, true) + "}";
        } else {
            text = join_factors(f.coef_num, f.numerator, false);
        }
        if (f.negative) return {"-" + text, Unary};
        return {text, Product};
    }

    Printed print_power(const Expr& e) {
        if (is_sqrt(e)) return {"\\sqrt{" + print(e.arg(0)).text + "}", Atom};
        if (e.arg(1).is_number() && sgn(e.arg(1).value()) < 0) return print_product(e);
        return {wrap(print(e.arg(0)), Atom) + "^{" + print(e.arg(1)).text + "}", Power};
    }

    // The table's notation with the arguments in place of #; a superscript form (e^{#}) binds
    // as a power, every other one is an atom.
    Printed print_call(const Expr& e) {
        const std::string_view notation = core::function_row(e.func()).latex;
        std::string args;
        for (std::size_t i = 0; i < e.size(); ++i) {
            if (i) args += ", ";
            args += print(e.arg(i)).text;
        }
        const std::size_t hole = notation.find('#');
        std::string out(notation.substr(0, hole));
        out += args;
        out += notation.substr(hole + 1);
        return {std::move(out), notation.find("^{#}") != std::string_view::npos ? Power : Atom};
    }

    const Lookup* lookup_;
};

}  // namespace

std::string latex(const Expr& e) {
    check_printable(e);
    if (e.depth() > max_recursive_depth) return print_bottom_up<Printer, Printed>(e);
    return Printer().print(e).text;
}

}  // namespace nabla::print

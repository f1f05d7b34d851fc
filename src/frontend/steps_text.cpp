// steps_text.cpp — each rule application as "rule: d/dx[u] = formula = result".
#include "frontend/steps_text.hpp"

#include "core/build.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"
#include "print/print.hpp"

namespace nabla::frontend {
namespace {

using core::Expr;

// d/dx, or the partial ∂/∂x when the function has several variables.
struct Notation {
    std::string text;   // "d/dx" or "∂/∂x"
    std::string latex;  // "\\frac{d}{dx}" or "\\frac{\\partial}{\\partial x}"
};

Notation notation(const diff::Derivation& d) {
    const std::string var = d.variable.name();
    const Expr f[] = {d.function};
    if (core::free_symbols(f).size() > 1) return {"\u2202/\u2202" + var, "\\frac{\\partial}{\\partial " + var + "}"};
    return {"d/d" + var, "\\frac{d}{d" + var + "}"};
}

// Placeholders become symbols whose '#'-prefixed names the printers write verbatim.
Expr spelled_out(const diff::Step& s, bool latex, const Notation& d) {
    std::vector<Expr> from, to;
    for (const auto& [placeholder, inner] : s.placeholders) {
        from.push_back(placeholder);
        to.push_back(core::sym(latex ? "#" + d.latex + "\\left[" + print::latex(inner) + "\\right]"
                                     : "#" + d.text + "[" + print::infix(inner) + "]"));
    }
    return core::substitute(s.formula, from, to);
}

std::string render(const diff::Derivation& d, bool latex) {
    const Notation by = notation(d);
    std::string out;
    std::size_t n = 0;
    for (const auto& [s, depth] : d.lines) {
        const Expr formula = spelled_out(s, latex, by);
        if (latex) {
            out += "\\text{" + s.rule + "}: \\quad " + by.latex + "\\left[" + print::latex(s.expr)
                 + "\\right] &= " + print::latex(formula);
            if (!(formula == s.result)) out += " = " + print::latex(s.result);
            out += " \\\\\n";
        } else {
            out += std::to_string(++n) + ". " + std::string(2 * depth, ' ') + s.rule + ": " + by.text + "["
                 + print::infix(s.expr) + "] = " + print::infix(formula);
            if (!(formula == s.result)) out += " = " + print::infix(s.result);
            out += "\n";
        }
        if (out.size() > limits::max_steps_bytes) throw_steps_too_long();
    }
    if (latex) return "\\begin{aligned}\n" + out + "\\end{aligned}\n";
    return out + "result: " + print::infix(d.result) + "\n";
}

}  // namespace

[[noreturn]] void throw_steps_too_long() {
    throw LimitError("the steps are longer than " + std::to_string(limits::max_steps_bytes >> 20)
                     + " MiB, the limit of one derivation; ask for the result without --steps");
}

std::string steps_text(const diff::Derivation& d) { return render(d, false); }

std::string steps_of(const Response& response, bool latex) {
    std::string out;
    for (const diff::Derivation& d : response.steps) {
        if (response.steps.size() > 1) {
            const Notation by = notation(d);
            out += latex ? "% " + by.latex + "\\left[" + print::latex(d.function) + "\\right]\n"
                         : by.text + " [" + print::infix(d.function) + "]:\n";
        }
        out += latex ? steps_latex(d) : steps_text(d);
        if (out.size() > limits::max_steps_bytes) throw_steps_too_long();
    }
    return out;
}
std::string steps_latex(const diff::Derivation& d) { return render(d, true); }

}  // namespace nabla::frontend

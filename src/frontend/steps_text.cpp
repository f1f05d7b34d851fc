// steps_text.cpp — each rule application as "rule: d/dx[u] = formula = result".
#include "frontend/steps_text.hpp"

#include "core/build.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"
#include "diff/diff.hpp"
#include "diff/steps.hpp"
#include "print/print.hpp"

namespace nabla::frontend {
namespace {

using core::Expr;

// Placeholders become symbols whose '#'-prefixed names the printers write verbatim.
Expr spelled_out(const diff::Step& s, bool latex, const std::string& var) {
    std::vector<Expr> from, to;
    for (const auto& [placeholder, inner] : s.placeholders) {
        from.push_back(placeholder);
        to.push_back(core::sym(latex ? "#\\frac{d}{d" + var + "}\\left[" + print::latex(inner) + "\\right]"
                                     : "#d/d" + var + "[" + print::infix(inner) + "]"));
    }
    return core::substitute(s.formula, from, to);
}

std::string render(const Expr& f, const Expr& x, bool latex) {
    const std::string var = x.name();
    const auto steps = diff::derivation(f, x);
    std::string out;
    std::size_t n = 0;
    for (const diff::Step& s : steps) {
        const Expr formula = spelled_out(s, latex, var);
        if (latex) {
            out += "\\text{" + s.rule + "}: \\quad \\frac{d}{d" + var + "}\\left[" + print::latex(s.expr)
                 + "\\right] = " + print::latex(formula);
            if (!(formula == s.result)) out += " = " + print::latex(s.result);
            out += " \\\\\n";
        } else {
            out += std::to_string(++n) + ". " + std::string(2 * s.depth, ' ') + s.rule + ": d/d" + var + "["
                 + print::infix(s.expr) + "] = " + print::infix(formula);
            if (!(formula == s.result)) out += " = " + print::infix(s.result);
            out += "\n";
        }
        if (out.size() > limits::max_steps_bytes) throw_steps_too_long();
    }
    const Expr result = steps.empty() ? diff::derivative(f, x) : steps[0].result;
    if (latex) return "\\begin{aligned}\n" + out + "\\end{aligned}\n";
    return out + "result: " + print::infix(result) + "\n";
}

}  // namespace

[[noreturn]] void throw_steps_too_long() {
    throw LimitError("the steps are longer than " + std::to_string(limits::max_steps_bytes >> 20)
                     + " MiB, the limit of one derivation; ask for the result without --steps");
}

std::string steps_text(const Expr& f, const Expr& x) { return render(f, x, false); }
std::string steps_latex(const Expr& f, const Expr& x) { return render(f, x, true); }

}  // namespace nabla::frontend

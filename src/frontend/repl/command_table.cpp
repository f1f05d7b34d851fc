// command_table.cpp — the list of commands and the help page.
#include "frontend/repl/command_table.hpp"

#include <array>

namespace nabla::repl {
namespace {

constexpr std::array<CommandInfo, 26> table{{
    {"diff", ":diff EXPR, x [, y ...]", "partial derivative(s), in the order given; :diff f x 2 for d2f/dx2"},
    {"grad", ":grad EXPR [, [x, y]]", "gradient (default order: a function's parameters, else names sorted)"},
    {"jacobian", ":jacobian [F, G], [x, y]", "Jacobian matrix: rows are functions, columns variables"},
    {"hessian", ":hessian EXPR [, [x, y]]", "Hessian matrix"},
    {"steps", ":steps EXPR, x", "the derivative step by step, naming each rule"},
    {"eval", ":eval EXPR, x = 1/2, y = 2", "value at a point, exact where possible"},
    {"minimize", ":minimize EXPR, x = 1 [, gd]",
     "local minimum from the point given (others 0); gd, newton or lbfgs"},
    {"simplify", ":simplify EXPR", "canonical, simplified form (what a plain expression gives)"},
    {"expand", ":expand EXPR", "products and powers of sums multiplied out"},
    {"together", ":together EXPR", "one fraction over a common denominator"},
    {"cancel", ":cancel EXPR", "common factors of numerator and denominator cancelled"},
    {"factor", ":factor EXPR", "factored into irreducible polynomials over the integers"},
    {"collect", ":collect EXPR, x [, y]", "expanded and grouped by the powers of x (then y)"},
    {"latex", ":latex [%N | EXPR]", "LaTeX of the last result (or of %N, or of EXPR)"},
    {"cse", ":cse [%N | EXPR]", "the last result with shared sub-expressions written once"},
    {"code", ":code [%N | EXPR]", "generated C++ of the last result (value, gradient, batch)"},
    {"plot", ":plot EXPR [x=-3:3]", "plot EXPR and its derivative in the terminal (and PNG with gnuplot)"},
    {"vars", ":vars", "list the names defined"},
    {"clear", ":clear [NAME ...]", "forget the names given, or everything (definitions and results)"},
    {"save", ":save FILE", "write the statements that succeeded to FILE, a script for :load"},
    {"load", ":load FILE", "run the statements of FILE"},
    {"help", ":help", "this help"},
    {"quit", ":quit", "leave (so does Ctrl-D)"},
    {"exit", ":exit", "leave"},
    {"q", ":q", "leave"},
    {"history", ":history", "where the line history is kept"},
}};

constexpr std::string_view examples = R"(Examples:
  f(x, y) = x^2*y + sin(x)      define a function (a = 3 defines a variable)
  f(1, t)                       use it: t + sin(1)
  diff(f(x, y), x)              2*x*y + cos(x)
  diff(x^5, x, 3)               third derivative: 60*x^2
  grad(f)                       [2*x*y + cos(x), x^2]
  hessian(f)                    matrix, rows aligned
  jacobian([f, x*y], [x, y])    2 x 2 matrix
  series(exp(x), x, 4)          1 + x + x^2/2 + x^3/6 + x^4/24 (taylor(f, x = 1, y = 0) in several)
  subs(f, x = 1)                f with x replaced by 1
  critical(x^3 - 3x + y^2)      stationary points, each a minimum, maximum or saddle
  %2 + 1                        reuse result [2]; ans is the last one
  :eval f, x = 1/2, y = 2       1/2 + sin(1/2) ~ 0.979...
  :minimize x^4 - 2x^2, x = 2   minimum -1 at x = 1 (L-BFGS)
  :steps sin(x)^2, x            each rule applied
  :plot sin(x)/x x=-10:10       f and f' in the terminal
Statements continue on the next line while brackets are open. Tab completes commands,
functions and your names; Ctrl-C cancels a line or a computation; Ctrl-D leaves.
The expression language is described in docs/language.md, the REPL in docs/repl.md.
)";

}  // namespace

std::span<const CommandInfo> commands() { return table; }

const CommandInfo* find_command(std::string_view name) {
    const CommandInfo* found = nullptr;
    for (const CommandInfo& c : table) {
        if (c.name == name) return &c;
        if (!name.empty() && c.name.starts_with(name)) {
            if (found) return nullptr;  // ambiguous
            found = &c;
        }
    }
    return found;
}

std::string unknown_command_message(std::string_view name) {
    std::string candidates;
    for (const CommandInfo& c : table)
        if (!name.empty() && c.name.starts_with(name))
            candidates += (candidates.empty() ? "" : ", ") + std::string(":") + std::string(c.name);
    if (!candidates.empty()) return "':" + std::string(name) + "' could be " + candidates;
    return "unknown command ':" + std::string(name) + "'; :help lists the commands";
}

std::string help_text() {
    std::string out = "Commands:\n";
    for (const CommandInfo& c : table) {
        if (c.name == "exit" || c.name == "q") continue;  // spellings of :quit
        std::string usage(c.usage);
        usage.resize(std::max<std::size_t>(usage.size(), 30), ' ');
        out += "  " + usage + " " + std::string(c.summary) + "\n";
    }
    return out + std::string(examples);
}

}  // namespace nabla::repl

// tape.hpp — a tape ready to run: roots lowered over their symbols, run by the interpreter.
#pragma once

#include "core/expr.hpp"
#include "tape/program.hpp"

#include <span>
#include <vector>

namespace nabla::tape {

// The double values of many roots at many points (fit, optimize, plot and the tests use it):
// the roots are lowered once into one Program over `symbols` (shared nodes once, constants
// folded, common sub-expressions of all roots computed once), keeping only the instructions
// the roots need, and run at each point. Running never recurses, so any depth the core allows
// is fine.
class Tape {
public:
    // Throws nabla::Error("no value for 'y'") when a root uses a symbol that is not in `symbols`
    // (the first in natural order), and DomainError for a number beyond the double range.
    Tape(std::span<const core::Expr> roots, std::span<const core::Expr> symbols);

    // Values of the roots at x (x[i] is the value of symbols[i]); out.size() == num_roots().
    // Plain IEEE arithmetic: out of a domain gives NaN or inf, nothing is thrown.
    void run(std::span<const double> x, std::span<double> out) const;

    // As run, but every step is checked: throws nabla::DomainError naming the function at the
    // first step outside its domain or with a NaN or infinite result ("log(-1) is undefined
    // (log of a negative number)", "overflow: exp(800) is too large for a double").
    void run_checked(std::span<const double> x, std::span<double> out) const;

    std::size_t num_symbols() const { return num_symbols_; }
    std::size_t num_roots() const { return roots_.size(); }
    // Instructions run per point: the inputs and constants are not counted.
    std::size_t num_instructions() const { return code_.size() - first_step_; }

private:
    template <bool Checked>
    void execute(std::span<const double> x, std::span<double> out) const;
    // The index of q among the exponents of the tape's own steps: fewer than the steps, so that
    // the interpreter may read operand b of every step as a slot.
    Slot exponent(const Exponent& q);

    std::vector<Instr> code_;  // the inputs, then the constants, then the steps
    std::vector<double> constants_;  // the values of slots [num_symbols_, first_step_)
    std::vector<Exponent> exponents_;
    std::vector<Ref> roots_;
    std::size_t num_symbols_ = 0;
    std::size_t first_step_ = 0;
};

}  // namespace nabla::tape

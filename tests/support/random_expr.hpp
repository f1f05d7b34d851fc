// random_expr.hpp — deterministic random expressions for property tests (header-only).
//
//     nabla::testing::RandomExpr gen(42);
//     core::Expr e = gen.expr(4);   // depth 0 is a leaf
//
// Expressions are built with the canonical constructors over the symbols x, y, z, small
// integers and rationals, pi and e: sums, differences, products, quotients, negations,
// powers with small integer or rational exponents (and now and then a symbolic one), and
// every built-in function of functions.def. A construction that throws nabla::Error (a division
// by zero, log(0), a limit) is skipped and drawn again. The same seed gives the same
// sequence on every platform: draws use the raw std::mt19937 output, no distributions.
#pragma once

#include "core/build.hpp"
#include "core/error.hpp"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace nabla::testing {

class RandomExpr {
public:
    explicit RandomExpr(std::uint32_t seed, std::vector<std::string> symbol_names = {"x", "y", "z"})
        : rng_(seed) {
        for (const std::string& n : symbol_names) symbols_.push_back(core::sym(n));
    }

    // The symbols expressions are drawn over, in the order given.
    const std::vector<core::Expr>& symbols() const { return symbols_; }

    // A random expression of nesting depth at most `depth` (0: a leaf).
    core::Expr expr(int depth) {
        if (depth <= 0 || below(5) == 0) return leaf();
        for (int attempt = 0; attempt < 20; ++attempt) {
            try {
                return node(depth);
            } catch (const nabla::Error&) {
                // 1/0, log(0), a number too large: draw another
            }
        }
        return leaf();
    }

    // A symbol, a small integer or rational, pi or e.
    core::Expr leaf() {
        switch (below(10)) {
        case 0: case 1: case 2: case 3: return symbols_[below(symbols_.size())];
        case 4: case 5: return core::num(static_cast<long>(below(9)) - 3);  // -3..5
        case 6: case 7: {
            const long p = static_cast<long>(below(9)) - 4;                    // -4..4
            return core::num(p == 0 ? 1 : p, static_cast<long>(below(3)) + 2);  // /2../4
        }
        case 8: return core::constant(core::Constant::Pi);
        default: return core::constant(core::Constant::E);
        }
    }

    // A small exponent: an integer in -3..3 or one of ±1/2, 1/3, 2/3, ±3/2.
    core::Expr exponent() {
        static constexpr long fractions[][2] = {{1, 2}, {-1, 2}, {1, 3}, {2, 3}, {3, 2}, {-3, 2}};
        if (below(2) == 0) return core::num(static_cast<long>(below(7)) - 3);
        const auto& f = fractions[below(6)];
        return core::num(f[0], f[1]);
    }

    // A uniform draw in [0, n).
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(rng_()) % n; }

private:
    // Operands are drawn one statement at a time, never as several arguments of one call
    // (whose evaluation order C++ leaves open), so every compiler gives the same sequence.
    core::Expr node(int depth) {
        const int d = depth - 1;
        auto draw = [&](int n) {
            std::vector<core::Expr> v;
            for (int i = 0; i < n; ++i) v.push_back(expr(d));
            return v;
        };
        switch (below(12)) {
        case 0: return core::add(draw(2));
        case 1: return core::add(draw(3));
        case 2: { auto v = draw(2); return core::sub(v[0], v[1]); }
        case 3: return core::mul(draw(2));
        case 4: return core::mul(draw(3));
        case 5: { auto v = draw(2); return core::div(v[0], v[1]); }
        case 6: return core::neg(expr(d));
        case 7: case 8: {
            core::Expr base = expr(d);
            return core::pow(base, exponent());
        }
        case 9: {
            core::Expr base = expr(d);
            return core::pow(base, expr(d > 0 ? d - 1 : 0));
        }
        default: {
            const auto f = static_cast<core::Func>(below(core::func_count));
            return core::call(f, draw(core::func_arity(f)));
        }
        }
    }

    std::mt19937 rng_;
    std::vector<core::Expr> symbols_;
};

}  // namespace nabla::testing

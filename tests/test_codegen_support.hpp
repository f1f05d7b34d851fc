// test_codegen_support.hpp — shared by the code generation tests: compiler, references, comparison.
#pragma once

#include "eval/eval.hpp"
#include "jit/compile.hpp"
#include "tape/tape.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <random>
#include <span>
#include <string>
#include <vector>

namespace nabla::testing {

// Tests that compile generated code skip themselves when there is no compiler.
inline bool have_compiler() {
    static const bool found = jit::compiler_available();
    return found;
}

inline std::filesystem::path test_cache_dir() { return std::filesystem::temp_directory_path() / "nabla-test-cache"; }

// Quick to compile: correctness, not speed, is under test.
inline jit::CompileOptions quick_options() {
    jit::CompileOptions o;
    o.flags = {"-O1", "-fno-math-errno"};
    o.cache_dir = test_cache_dir();
    return o;
}

// What the benchmark and the JIT use, vector math included.
inline jit::CompileOptions fast_options() {
    jit::CompileOptions o;
    o.cache_dir = test_cache_dir();
    return o;
}

// Compares generated values with reference values entry by entry. An entry is compared only
// where the reference is finite and well conditioned: moving every input by a few ulps
// changes it by less than 1e-13 relatively (so rounding differences cannot exceed 1e-12).
class Comparison {
public:
    Comparison(const tape::Tape& reference, std::span<const double> x, std::uint32_t seed)
        : want_(reference.num_roots()), ok_(reference.num_roots(), true) {
        reference.run(x, want_);
        std::mt19937 rng(seed);
        std::vector<double> moved(x.begin(), x.end()), other(want_.size());
        for (int trial = 0; trial < 2; ++trial) {
            for (std::size_t i = 0; i < x.size(); ++i) moved[i] = x[i] * (1 + ((rng() & 1) ? 6e-16 : -6e-16));
            reference.run(moved, other);
            for (std::size_t k = 0; k < want_.size(); ++k)
                if (!std::isfinite(want_[k]) || !std::isfinite(other[k])
                    || std::fabs(other[k] - want_[k]) > 1e-13 * std::fabs(want_[k]))
                    ok_[k] = false;
        }
    }

    double want(std::size_t k) const { return want_[k]; }
    bool comparable(std::size_t k) const { return ok_[k]; }

    // Checks got against reference entry k; returns whether it was compared.
    bool check(std::size_t k, double got) {
        if (!ok_[k]) return false;
        const double scale = std::max(std::fabs(want_[k]), 1e-300);
        const double error = std::fabs(got - want_[k]) / scale;
        CAPTURE(k);
        CAPTURE(got);
        CAPTURE(want_[k]);
        CHECK(error <= 1e-12);
        ++compared;
        return true;
    }

    std::size_t compared = 0;

private:
    std::vector<double> want_;
    std::vector<bool> ok_;
};

}  // namespace nabla::testing

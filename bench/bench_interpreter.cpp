// bench_interpreter.cpp — the double interpreter that fit, optimize, plot and the tests run:
// building it for a function and its gradient, and running it at one point.
#include "core/build.hpp"
#include "diff/calculus.hpp"
#include "eval/eval.hpp"
#include "parse/parse.hpp"
#include "workload.hpp"
#include "tape/tape.hpp"

#include <benchmark/benchmark.h>

#include <random>

namespace {

using nabla::core::Expr;

struct Problem {
    std::vector<Expr> roots;    // f, then its gradient
    std::vector<Expr> symbols;  // the variables
};

Problem load(const char* name) {
    const auto w = nabla::bench::read_workload(std::string(NABLA_WORKLOADS) + "/" + name);
    Problem p;
    for (const auto& v : w.vars) p.symbols.push_back(nabla::core::sym(v));
    const Expr f = nabla::parse::parse(w.text);
    p.roots.push_back(f);
    for (const Expr& g : nabla::diff::gradient(f, p.symbols)) p.roots.push_back(g);
    return p;
}

void BM_build(benchmark::State& state, const char* file) {
    const Problem p = load(file);
    for (auto _ : state) {
        const nabla::tape::Tape program(p.roots, p.symbols);
        benchmark::DoNotOptimize(program.num_instructions());
    }
}
BENCHMARK_CAPTURE(BM_build, W1_N100, "W1_rosenbrock_N100.txt")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_build, W2_H8_D16, "W2_nn_H8_D16.txt")->Unit(benchmark::kMicrosecond);

void BM_run(benchmark::State& state, const char* file) {
    const Problem p = load(file);
    const nabla::tape::Tape program(p.roots, p.symbols);
    std::mt19937 random(1);
    std::uniform_real_distribution<double> value(-1, 1);
    std::vector<double> x(p.symbols.size());
    for (double& v : x) v = value(random);
    std::vector<double> out(p.roots.size());
    for (auto _ : state) {
        program.run(x, out);
        benchmark::DoNotOptimize(out.data());
    }
    state.counters["instructions"] = static_cast<double>(program.num_instructions());
}
BENCHMARK_CAPTURE(BM_run, W1_N100, "W1_rosenbrock_N100.txt")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_run, W2_H8_D16, "W2_nn_H8_D16.txt")->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();

// bench_calculus.cpp — parsing and differentiation timings on the shared workloads.
// Each benchmark is a whole task including parsing, as the performance targets state it.
#include "core/build.hpp"
#include "diff/calculus.hpp"
#include "diff/diff.hpp"
#include "parse/parse.hpp"
#include "workload.hpp"

#include <benchmark/benchmark.h>

namespace {

using nabla::core::Expr;

nabla::bench::Workload load(const char* name) {
    return nabla::bench::read_workload(std::string(NABLA_WORKLOADS) + "/" + name);
}

std::vector<Expr> symbols(const std::vector<std::string>& names) {
    std::vector<Expr> out;
    for (const auto& n : names) out.push_back(nabla::core::sym(n));
    return out;
}

void BM_parse(benchmark::State& state, const char* file) {
    const auto w = load(file);
    for (auto _ : state) {
        Expr e = nabla::parse::parse(w.text);
        benchmark::DoNotOptimize(e);
        state.PauseTiming();  // freeing the result is not part of parsing
        e = Expr();
        state.ResumeTiming();
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * w.text.size()));
}
BENCHMARK_CAPTURE(BM_parse, W1_N1000, "W1_rosenbrock_N1000.txt")->Unit(benchmark::kMillisecond);

void BM_gradient_hessian(benchmark::State& state, const char* file) {
    const auto w = load(file);
    const auto vars = symbols(w.vars);
    for (auto _ : state) {
        Expr f = nabla::parse::parse(w.text);
        auto gh = nabla::diff::gradient_and_hessian(f, vars);
        benchmark::DoNotOptimize(gh);
    }
}
BENCHMARK_CAPTURE(BM_gradient_hessian, W1_N100, "W1_rosenbrock_N100.txt")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_gradient_hessian, W1_N1000, "W1_rosenbrock_N1000.txt")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_gradient_hessian, W2_H8_D16, "W2_nn_H8_D16.txt")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_gradient_hessian, W2_H32_D64, "W2_nn_H32_D64.txt")
    ->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(1);

void BM_chain_derivatives(benchmark::State& state, const char* file) {
    const auto w = load(file);
    const Expr x = nabla::core::sym("x");
    for (auto _ : state) {
        Expr f = nabla::parse::parse(w.text);
        for (int order = 1; order <= 6; ++order) f = nabla::diff::derivative(f, x);
        benchmark::DoNotOptimize(f);
    }
}
BENCHMARK_CAPTURE(BM_chain_derivatives, W3_k10, "W3_chain_k10.txt")->Unit(benchmark::kMillisecond);

void BM_jacobian(benchmark::State& state, const char* file) {
    const auto w = load(file);
    const auto vars = symbols(w.vars);
    for (auto _ : state) {
        std::vector<Expr> fs;
        for (const auto& line : w.lines) fs.push_back(nabla::parse::parse(line));
        benchmark::DoNotOptimize(nabla::diff::jacobian(fs, vars));
    }
}
BENCHMARK_CAPTURE(BM_jacobian, W4_bratu, "W4_bratu_n50.txt")->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();

// bench_codegen.cpp — generated batch code against hand-written C++, same compiler and flags.
//
// Usage: nabla_bench_codegen [POINTS]   (default 100000; W1 N=1000 uses POINTS/10)
// Prints ns per point (median of several runs) and the ratios issue 4 sets targets for.
#include "../workload.hpp"
#include "codegen/emit_cpp.hpp"
#include "core/build.hpp"
#include "jit/compile.hpp"
#include "parse/parse.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <random>
#include <regex>
#include <sstream>

namespace {

using namespace nabla;
using Clock = std::chrono::steady_clock;

using SoaValue = void(std::size_t, const double*, double*);
using SoaGrad = void(std::size_t, const double*, double*, double*);
using AosValue = void(std::size_t, std::size_t, const double*, double*);
using AosGrad = void(std::size_t, std::size_t, const double*, double*, double*);
using HessValues = void(const double*, double*);

std::string workload_path(const std::string& file) { return std::string(NABLA_WORKLOADS) + "/" + file; }

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Median over `runs` of the time of one call of `body`, divided by `per`, in nanoseconds.
double median_ns(int runs, std::size_t per, const std::function<void()>& body) {
    body();  // warm up: page in the arrays and the code
    std::vector<double> t;
    for (int r = 0; r < runs; ++r) {
        const auto start = Clock::now();
        body();
        t.push_back(std::chrono::duration<double, std::nano>(Clock::now() - start).count() / static_cast<double>(per));
    }
    std::sort(t.begin(), t.end());
    return t[t.size() / 2];
}

struct Problem {
    std::string label;
    std::size_t n = 0;
    std::size_t m = 0;
    std::vector<double> soa, aos;  // the same points in both layouts
};

Problem make_problem(std::string label, std::size_t n, std::size_t m, double lo, double hi, unsigned seed) {
    Problem p{std::move(label), n, m, std::vector<double>(n * m), std::vector<double>(n * m)};
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(lo, hi);
    for (std::size_t i = 0; i < m; ++i)
        for (std::size_t v = 0; v < n; ++v) p.soa[v * m + i] = p.aos[i * n + v] = u(rng);
    return p;
}

codegen::Spec spec_for(const std::string& file, const std::string& name, bool hessian) {
    const bench::Workload w = bench::read_workload(workload_path(file));
    codegen::Spec s;
    s.name = name;
    for (const std::string& v : w.vars) s.vars.push_back(core::sym(v));
    s.exprs = {parse::parse(w.text)};
    s.hessian = hessian;
    s.batch = hessian;
    return s;
}

// The network's data, read back from the W2 expression: inputs (a, b) of each term's
// tanh(a*w1 + b*w2 + w3), label 0 for -log(1 - s), 1 for -log(s).
std::string network_data(const std::string& text, int hidden) {
    const std::regex unit(R"(tanh\((-?[0-9.]+)\*w1 ([+-]) ([0-9.]+)\*w2 \+ w3\))");
    const std::regex loss(R"(-log\(1-1/|-log\(1/)");
    std::string a, b, y;
    int d = 0;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), unit); it != std::sregex_iterator(); ++it, ++d) {
        a += (d ? ", " : "") + (*it)[1].str();
        b += (d ? ", " : "") + std::string((*it)[2].str() == "-" ? "-" : "") + (*it)[3].str();
    }
    int k = 0;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), loss); it != std::sregex_iterator(); ++it, ++k)
        y += (k ? ", " : "") + std::string((*it)[0].str() == "-log(1/" ? "1" : "0");
    if (k != d) throw std::runtime_error("W2: cannot read the data back from the expression");
    return fmt::format("static constexpr int D = {};\nstatic constexpr int H = {};\n"
                       "static constexpr double A[D] = {{{}}};\nstatic constexpr double B[D] = {{{}}};\n"
                       "static constexpr double Y[D] = {{{}}};\n",
                       d, hidden, a, b, y);
}

jit::CompileOptions flags(std::vector<std::string> f) {
    jit::CompileOptions o;
    o.compiler = "g++";
    o.flags = std::move(f);
    return o;
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t points = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 100000;
    const int runs = 15;
    const std::vector<std::string> plain = {"-O3", "-march=native"};
    const std::vector<std::string> jit_flags = jit::CompileOptions{}.flags;

    fmt::print("generating and compiling (g++ {}) ...\n", fmt::join(plain, " "));
    auto t0 = Clock::now();
    const std::string generated = codegen::generate_cpp(spec_for("W1_rosenbrock_N100.txt", "w1", false))
                                  + codegen::generate_cpp(spec_for("W2_nn_H8_D16.txt", "w2", false));
    const std::string large = codegen::generate_cpp(spec_for("W1_rosenbrock_N1000.txt", "w1k", true));
    const double generate_s = std::chrono::duration<double>(Clock::now() - t0).count();
    const std::string hand = network_data(bench::read_workload(workload_path("W2_nn_H8_D16.txt")).text, 8)
                             + read_file(std::string(NABLA_BENCH_SOURCE) + "/hand_written.cpp");
    t0 = Clock::now();
    const jit::Library gen = jit::compile(generated, flags(plain));
    const jit::Library gen_vm = jit::compile(generated, flags(jit_flags));
    const jit::Library gen_large = jit::compile(large, flags(plain));
    const jit::Library hw = jit::compile(hand, flags(plain));
    const jit::Library hw_vm = jit::compile(hand, flags({"-O3", "-march=native", "-fno-math-errno"}));
    fmt::print("codegen {:.2f} s, compile {:.1f} s (or cached)\n\n", generate_s,
               std::chrono::duration<double>(Clock::now() - t0).count());

    const Problem w1 = make_problem("W1 Rosenbrock N=100", 100, points, -2, 2, 1);
    const Problem w2 = make_problem("W2 tanh net H=8 D=16", 33, points, -1, 1, 2);
    const Problem w1k = make_problem("W1 Rosenbrock N=1000", 1000, std::max<std::size_t>(points / 10, 1), -2, 2, 3);

    struct Row {
        std::string what;
        double value, grad;
    };
    auto generated_row = [&](const jit::Library& lib, const std::string& name, const Problem& p) {
        std::vector<double> F(p.m), G(p.n * p.m);
        const auto value = lib.function<SoaValue>(name + "_batch");
        const auto grad = lib.function<SoaGrad>(name + "_grad_batch");
        return Row{"", median_ns(runs, p.m, [&] { value(p.m, p.soa.data(), F.data()); }),
                   median_ns(runs, p.m, [&] { grad(p.m, p.soa.data(), F.data(), G.data()); })};
    };
    auto hand_row = [&](const jit::Library& lib, const std::string& name, const Problem& p) {
        std::vector<double> F(p.m), G(p.n * p.m);
        const auto value = lib.function<AosValue>("hand_" + name);
        const auto grad = lib.function<AosGrad>("hand_" + name + "_grad");
        return Row{"", median_ns(runs, p.m, [&] { value(p.m, p.n, p.aos.data(), F.data()); }),
                   median_ns(runs, p.m, [&] { grad(p.m, p.n, p.aos.data(), F.data(), G.data()); })};
    };

    fmt::print("ns per point, median of {} runs, {} points ({} for N=1000)\n", runs, points, w1k.m);
    fmt::print("{:<22} {:<34} {:>10} {:>12} {:>10}\n", "workload", "code", "value", "value+grad", "vg/value");
    auto print = [](const std::string& workload, const std::string& code, const Row& r) {
        fmt::print("{:<22} {:<34} {:>10.1f} {:>12.1f} {:>10.2f}\n", workload, code, r.value, r.grad, r.grad / r.value);
    };
    for (const auto& [problem, name, hand_name] :
         {std::tuple{&w1, "w1", "rosenbrock"}, std::tuple{&w2, "w2", "network"}}) {
        const Row h = hand_row(hw, hand_name, *problem);
        const Row g = generated_row(gen, name, *problem);
        const Row hv = hand_row(hw_vm, hand_name, *problem);
        const Row gv = generated_row(gen_vm, name, *problem);
        print(problem->label, "hand-written, -O3 -march=native", h);
        print("", "generated, -O3 -march=native", g);
        print("", "hand-written, + -fno-math-errno", hv);
        print("", "generated, JIT flags (vector math)", gv);
        fmt::print("{:<22} value+grad, hand / generated: {:.2f} (same flags), {:.2f} (JIT flags vs hand + no-math-errno)\n\n",
                   "", h.grad / g.grad, hv.grad / gv.grad);
    }
    const Row k = generated_row(gen_large, "w1k", w1k);
    print(w1k.label, "generated, -O3 -march=native", k);

    // Sparse Hessian of W1 N=1000: one point at a time (x contiguous) and as a batch.
    const int nnz = gen_large.function<int()>("w1k_hess_nnz")();
    std::vector<double> values(static_cast<std::size_t>(nnz));
    const auto hess = gen_large.function<HessValues>("w1k_hess_values");
    const double scalar_us = median_ns(runs, w1k.m, [&] {
                                 for (std::size_t p = 0; p < w1k.m; ++p) hess(&w1k.aos[p * w1k.n], values.data());
                             }) / 1000;
    std::vector<double> V(static_cast<std::size_t>(nnz) * w1k.m);
    const auto hess_batch = gen_large.function<SoaValue>("w1k_hess_values_batch");
    const double batch_us = median_ns(runs, w1k.m, [&] { hess_batch(w1k.m, w1k.soa.data(), V.data()); }) / 1000;
    fmt::print("\nW1 N=1000 sparse Hessian ({} nonzeros in the lower triangle): {:.2f} us/point one point at a time, "
               "{:.2f} us/point batch\n",
               nnz, scalar_us, batch_us);
    return 0;
}

// ginac_workloads.cpp — the same workload tasks in GiNaC, for ratios against nabla in one run.
// Prints "name milliseconds" lines (median of repeats); built only when libginac-dev is present.
#include "workload.hpp"

#include <ginac/ginac.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double median_ms(int repeats, const std::function<void()>& task) {
    std::vector<double> times;
    for (int i = 0; i < repeats; ++i) {
        auto t0 = Clock::now();
        task();
        times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

std::string path(const char* file) { return std::string(NABLA_WORKLOADS) + "/" + file; }

std::vector<GiNaC::symbol> symbols_of(GiNaC::parser& reader, const std::vector<std::string>& names) {
    std::vector<GiNaC::symbol> out;
    auto table = reader.get_syms();
    for (const auto& n : names) out.push_back(GiNaC::ex_to<GiNaC::symbol>(table[n]));
    return out;
}

void gradient_hessian(const char* name, const char* file, int repeats) {
    const auto w = nabla::bench::read_workload(path(file));
    double ms = median_ms(repeats, [&] {
        GiNaC::parser reader;
        GiNaC::ex f = reader(w.text);
        auto xs = symbols_of(reader, w.vars);
        std::vector<GiNaC::ex> g;
        for (auto& x : xs) g.push_back(f.diff(x));
        std::size_t nonzero = 0;
        for (std::size_t i = 0; i < xs.size(); ++i)
            for (std::size_t j = 0; j <= i; ++j) nonzero += !g[i].diff(xs[j]).is_zero();
        if (nonzero == static_cast<std::size_t>(-1)) std::puts("");
    });
    std::printf("%s %.3f\n", name, ms);
}

void chain(const char* name, const char* file, int repeats) {
    const auto w = nabla::bench::read_workload(path(file));
    double ms = median_ms(repeats, [&] {
        GiNaC::parser reader;
        GiNaC::ex f = reader(w.text);
        auto x = symbols_of(reader, {"x"})[0];
        for (int order = 1; order <= 6; ++order) f = f.diff(x);
    });
    std::printf("%s %.3f\n", name, ms);
}

void jacobian(const char* name, const char* file, int repeats) {
    const auto w = nabla::bench::read_workload(path(file));
    double ms = median_ms(repeats, [&] {
        GiNaC::parser reader;
        std::vector<GiNaC::ex> fs;
        for (const auto& line : w.lines) fs.push_back(reader(line));
        auto xs = symbols_of(reader, w.vars);
        std::size_t nonzero = 0;
        for (auto& f : fs)
            for (auto& x : xs) nonzero += !f.diff(x).is_zero();
        if (nonzero == static_cast<std::size_t>(-1)) std::puts("");
    });
    std::printf("%s %.3f\n", name, ms);
}

void parse_only(const char* name, const char* file, int repeats) {
    const auto w = nabla::bench::read_workload(path(file));
    double ms = median_ms(repeats, [&] {
        GiNaC::parser reader;
        GiNaC::ex f = reader(w.text);
    });
    std::printf("%s %.3f\n", name, ms);
}

}  // namespace

int main(int argc, char** argv) {
    const bool slow = argc > 1 && std::string(argv[1]) == "--all";
    parse_only("parse/W1_N1000", "W1_rosenbrock_N1000.txt", 11);
    gradient_hessian("gradient_hessian/W1_N100", "W1_rosenbrock_N100.txt", 11);
    jacobian("jacobian/W4_bratu", "W4_bratu_n50.txt", 11);
    if (slow) {
        gradient_hessian("gradient_hessian/W1_N1000", "W1_rosenbrock_N1000.txt", 1);
        gradient_hessian("gradient_hessian/W2_H8_D16", "W2_nn_H8_D16.txt", 1);
        chain("chain_derivatives/W3_k10", "W3_chain_k10.txt", 1);
    }
}

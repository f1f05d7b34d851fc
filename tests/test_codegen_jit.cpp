// test_codegen_jit.cpp — compiling generated code: errors, cache, warnings, the benchmark workloads.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "../bench/workload.hpp"
#include "codegen/emit_cpp.hpp"
#include "codegen/runtime.hpp"
#include "core/build.hpp"
#include "diff/calculus.hpp"
#include "jit/compile.hpp"
#include "parse/parse.hpp"
#include "test_codegen_support.hpp"
#include "tape/tape.hpp"

namespace {

using namespace nabla;
using core::Expr;
using nabla::testing::Comparison;

const bool no_compiler = !nabla::testing::have_compiler();

std::vector<Expr> symbols(const std::vector<std::string>& names) {
    std::vector<Expr> v;
    for (const std::string& n : names) v.push_back(core::sym(n));
    return v;
}

// Every function and helper, so that every emitted construct is compiled.
std::string everything_header(const std::string& name) {
    codegen::Spec s;
    s.name = name;
    s.vars = symbols({"x", "y", "z"});
    s.exprs = {parse::parse(
        "x^2*sin(y) + relu(x*y) + abs(z) - sign(x)*heaviside(y) + sigmoid(z) + softplus(x) + min(x, y)"
        " + max(y, z) + atan2(y, x) + erf(x) + x^(2/5) + y^100 + z^(7/2) + cbrt(x) + x^y + tanh(z) + acosh(z)"
        " + asinh(x) + atanh(y) + asin(x) + acos(y) + atan(z) + sinh(x) + cosh(y) + tan(z) + exp(x) + log(y)")};
    s.hessian = s.jacobian = s.batch = true;
    return codegen::generate_cpp(s);
}

// Parameters, and entry points that do not use them (the Hessian is free of a and b).
std::string params_header(const std::string& name) {
    codegen::Spec s;
    s.name = name;
    s.vars = symbols({"x", "y"});
    s.params = symbols({"a", "b"});
    s.exprs = {parse::parse("x^2*y + a*x + exp(b)")};
    s.hessian = s.jacobian = s.batch = true;
    return codegen::generate_cpp(s);
}

jit::CompileOptions strict(const std::string& compiler, std::vector<std::string> extra = {}) {
    jit::CompileOptions o;
    o.compiler = compiler;
    o.flags = {"-O1", "-Wall", "-Wextra", "-Werror", "-pedantic"};
    o.flags.insert(o.flags.end(), extra.begin(), extra.end());
    o.cache_dir = nabla::testing::test_cache_dir();
    return o;
}

bench::Workload workload(const std::string& file) {
    return bench::read_workload(std::string(NABLA_SOURCE_DIR) + "/bench/workloads/" + file);
}

}  // namespace

TEST_SUITE("jit") {
    TEST_CASE("a compiler error carries the command, the output and the kept source" * doctest::skip(no_compiler)) {
        const std::string source = "extern \"C\" int broken() { return not_declared; }\n";
        try {
            jit::compile(source, nabla::testing::quick_options());
            FAIL("compiled broken code");
        } catch (const jit::CompileError& e) {
            CHECK(e.command().find("-shared") != std::string::npos);
            CHECK(e.compiler_output().find("not_declared") != std::string::npos);
            std::ifstream in(e.source_path());
            std::string kept((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            CHECK(kept == source);
        }
    }

    TEST_CASE("the cache returns the same library; missing symbols are errors" * doctest::skip(no_compiler)) {
        const std::string source = "extern \"C\" double twice(double x) { return 2 * x; }\n";
        const jit::Library a = jit::compile(source, nabla::testing::quick_options());
        const auto start = std::chrono::steady_clock::now();
        const jit::Library b = jit::compile(source, nabla::testing::quick_options());
        CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(200));
        CHECK(a.library_path() == b.library_path());
        CHECK(b.function<double(double)>("twice")(4) == 8);
        CHECK_THROWS_AS(b.symbol("thrice"), nabla::Error);
        jit::CompileOptions bad = nabla::testing::quick_options();
        bad.compiler = "no-such-compiler-nabla";
        CHECK_THROWS_AS(jit::compile(source, bad), jit::CompileError);
    }

    TEST_CASE("generated headers compile cleanly with -Wall -Wextra -Werror -pedantic") {
        // Helpers shared between headers.
        const std::string two = everything_header("f") + everything_header("g") + params_header("h");
        for (const std::string compiler : {"g++", "clang++"}) {
            CAPTURE(compiler);
            if (!jit::compiler_available(compiler)) {
                MESSAGE(compiler << " not found: skipped");
                continue;
            }
            CHECK_NOTHROW(jit::compile(two, strict(compiler)));
            CHECK_NOTHROW(jit::compile(two, strict(compiler, {"-O2", "-march=native", "-fno-math-errno",
                                                              "-DNABLA_VECTOR_MATH"})));
            std::string runtime(codegen::runtime_source());
            runtime.replace(runtime.find("#pragma once"), 12, "");  // compiled here as a main file
            CHECK_NOTHROW(jit::compile(runtime + "extern \"C\" int unused_rt() { return 0; }\n",
                                       strict(compiler, {"-Wno-unused-function"})));
        }
    }

    TEST_CASE("vector math (libmvec) batches agree with scalar code" * doctest::skip(no_compiler)) {
        const jit::Library lib = jit::compile(everything_header("f"), nabla::testing::fast_options());
        std::mt19937 rng(3);
        std::uniform_real_distribution<double> unit(0.1, 0.9), above_one(1.1, 1.9);
        const std::size_t m = 37, n = 3;  // not a multiple of the vector width
        std::vector<double> X(n * m), F(m), G(n * m);
        for (std::size_t i = 0; i < m; ++i) {
            X[i] = unit(rng);
            X[m + i] = unit(rng);
            X[2 * m + i] = above_one(rng);
        }
        lib.function<void(std::size_t, const double*, double*, double*)>("f_grad_batch")(m, X.data(), F.data(), G.data());
        const int nnz = lib.function<int()>("f_hess_nnz")();
        std::vector<double> V(static_cast<std::size_t>(nnz) * m);
        lib.function<void(std::size_t, const double*, double*)>("f_hess_values_batch")(m, X.data(), V.data());
        auto close = [](double a, double b) { return std::fabs(a - b) <= 1e-12 * std::max(std::fabs(b), 1e-300); };
        for (std::size_t i = 0; i < m; ++i) {
            const double x[] = {X[i], X[m + i], X[2 * m + i]};
            double g[3];
            std::vector<double> values(static_cast<std::size_t>(nnz));
            CHECK(close(F[i], lib.function<double(const double*, double*)>("f_grad")(x, g)));
            lib.function<void(const double*, double*)>("f_hess_values")(x, values.data());
            for (std::size_t v = 0; v < n; ++v) CHECK(close(G[v * m + i], g[v]));
            for (std::size_t k = 0; k < values.size(); ++k) CHECK(close(V[k * m + i], values[k]));
        }
    }

    TEST_CASE("benchmark workloads against eval" * doctest::skip(no_compiler)) {
        struct Job {
            std::string file;
            std::string name;
            bool hessian;
            bool jacobian;
            double lo, hi;
        };
        const std::vector<Job> jobs = {
            {"W1_rosenbrock_N10.txt", "w1a", true, false, -2, 2},
            {"W1_rosenbrock_N100.txt", "w1b", true, false, -2, 2},
            {"W2_nn_H8_D16.txt", "w2", false, false, -1, 1},  // its Hessian is 90k instructions
            {"W4_bratu_n50.txt", "w4", false, true, -1, 1},
        };
        std::string source;
        std::vector<std::vector<Expr>> exprs, vars;
        for (const Job& job : jobs) {
            const bench::Workload w = workload(job.file);
            codegen::Spec s;
            s.name = job.name;
            s.vars = symbols(w.vars);
            if (job.jacobian) {
                for (const std::string& line : w.lines) s.exprs.push_back(parse::parse(line));
            } else {
                s.exprs = {parse::parse(w.text)};
            }
            s.hessian = job.hessian;
            s.batch = true;
            source += codegen::generate_cpp(s);
            exprs.push_back(s.exprs);
            vars.push_back(s.vars);
        }
        const jit::Library lib = jit::compile(source, nabla::testing::quick_options());
        std::mt19937 rng(5);
        for (std::size_t j = 0; j < jobs.size(); ++j) {
            const Job& job = jobs[j];
            CAPTURE(job.file);
            const std::size_t n = vars[j].size();
            std::vector<Expr> roots = exprs[j];
            if (job.jacobian) {
                for (const auto& row : diff::jacobian(exprs[j], vars[j])) roots.insert(roots.end(), row.begin(), row.end());
            } else {
                const std::vector<Expr> g = diff::gradient(exprs[j][0], vars[j]);
                roots.insert(roots.end(), g.begin(), g.end());
                if (job.hessian)
                    for (const auto& row : diff::hessian(exprs[j][0], vars[j])) roots.insert(roots.end(), row.begin(), row.end());
            }
            const tape::Tape reference(roots, vars[j]);
            std::uniform_real_distribution<double> u(job.lo, job.hi);
            const std::size_t m = 8;
            std::vector<std::vector<double>> points(m, std::vector<double>(n));
            std::vector<double> X(n * m);
            for (std::size_t i = 0; i < m; ++i)
                for (std::size_t v = 0; v < n; ++v) X[v * m + i] = points[i][v] = u(rng);
            std::size_t compared = 0;
            if (job.jacobian) {
                const std::size_t k = exprs[j].size();
                std::vector<double> Y(k * m);
                lib.function<void(std::size_t, const double*, double*)>(job.name + "_eval_batch")(m, X.data(), Y.data());
                for (std::size_t i = 0; i < m; ++i) {
                    Comparison c(reference, points[i], static_cast<std::uint32_t>(i));
                    std::vector<double> y(k), jac(k * n);
                    lib.function<void(const double*, double*, double*)>(job.name + "_jac")(points[i].data(), y.data(), jac.data());
                    for (std::size_t r = 0; r < k; ++r) {
                        c.check(r, y[r]);
                        c.check(r, Y[r * m + i]);
                    }
                    for (std::size_t e = 0; e < k * n; ++e) c.check(k + e, jac[e]);
                    compared += c.compared;
                }
                CHECK(compared >= m * (2 * k + k * n) * 9 / 10);
                continue;
            }
            std::vector<double> F(m), G(n * m);
            lib.function<void(std::size_t, const double*, double*, double*)>(job.name + "_grad_batch")(m, X.data(), F.data(),
                                                                                                   G.data());
            for (std::size_t i = 0; i < m; ++i) {
                Comparison c(reference, points[i], static_cast<std::uint32_t>(i));
                std::vector<double> g(n), g2(n), h(n * n);
                c.check(0, lib.function<double(const double*, double*)>(job.name + "_grad")(points[i].data(), g.data()));
                c.check(0, F[i]);
                for (std::size_t v = 0; v < n; ++v) {
                    c.check(1 + v, g[v]);
                    c.check(1 + v, G[v * m + i]);
                }
                if (job.hessian) {
                    c.check(0, lib.function<double(const double*, double*, double*)>(job.name + "_hess")(points[i].data(),
                                                                                                      g2.data(), h.data()));
                    for (std::size_t v = 0; v < n; ++v) c.check(1 + v, g2[v]);
                    for (std::size_t e = 0; e < n * n; ++e) c.check(1 + n + e, h[e]);
                }
                compared += c.compared;
            }
            const std::size_t possible = m * (job.hessian ? 3 + 3 * n + n * n : 2 + 2 * n);
            MESSAGE(job.file << ": " << compared << " of " << possible << " values compared");
            CHECK(compared >= possible * 9 / 10);
        }
    }

    TEST_CASE("nabla codegen writes the same source as the library") {
        const std::string out = (nabla::testing::test_cache_dir() / "cli_codegen.hpp").string();
        std::filesystem::create_directories(nabla::testing::test_cache_dir());
        const std::string command = std::string(NABLA_BINARY) + " codegen 'sin(x*y) + x^2' --vars x,y --name cli --hessian -o " + out;
        REQUIRE(std::system(command.c_str()) == 0);
        codegen::Spec s;
        s.name = "cli";
        s.vars = symbols({"x", "y"});
        s.exprs = {parse::parse("sin(x*y) + x^2")};
        s.hessian = true;
        std::ifstream in(out, std::ios::binary);
        const std::string written((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        CHECK(written == codegen::generate_cpp(s));
        const std::string bad = std::string(NABLA_BINARY) + " codegen 'x*y' --vars x -o " + out + " 2>/dev/null";
        CHECK(WEXITSTATUS(std::system(bad.c_str())) == 1);
    }

    TEST_CASE("the gradient descent example is current and converges") {
        const std::string dir = std::string(NABLA_SOURCE_DIR) + "/docs/examples/gradient_descent";
        codegen::Spec s;
        s.name = "rosen";
        s.vars = symbols({"x", "y"});
        s.exprs = {parse::parse("(1 - x)^2 + 100*(y - x^2)^2")};
        std::ifstream in(dir + "/rosenbrock.hpp", std::ios::binary);
        const std::string checked_in((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        CHECK(checked_in == codegen::generate_cpp(s));  // regenerate with generate.sh if this fails
        if (no_compiler) return;
        const std::string run = dir + "/run.sh > /dev/null";
        CHECK(std::system(run.c_str()) == 0);
    }
}

// test_codegen.cpp — generated C++ against eval: random expressions, kinks, goldens, determinism.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "codegen/emit_cpp.hpp"
#include "codegen/module.hpp"
#include "core/build.hpp"
#include "diff/calculus.hpp"
#include "diff/diff.hpp"
#include "parse/parse.hpp"
#include "support/files.hpp"
#include "support/random_expr.hpp"
#include "test_codegen_support.hpp"
#include "tape/tape.hpp"

namespace {

using namespace nabla;
using nabla::testing::read_text;
using core::Expr;
using codegen::GradientMethod;
using nabla::testing::Comparison;

using ValueFn = double(const double*);
using GradFn = double(const double*, double*);
using NnzFn = int();
using PatternFn = void(int*, int*);

std::vector<Expr> syms(std::initializer_list<const char*> names) {
    std::vector<Expr> v;
    for (const char* n : names) v.push_back(core::sym(n));
    return v;
}

codegen::Spec spec_of(std::string name, std::vector<Expr> exprs, std::vector<Expr> vars,
                      std::vector<Expr> params = {}) {
    codegen::Spec s;
    s.name = std::move(name);
    s.exprs = std::move(exprs);
    s.vars = std::move(vars);
    s.params = std::move(params);
    return s;
}

template <class T>
std::vector<T> concat(std::vector<T> a, const std::vector<T>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

// Calls entry point `name` of a compiled module; the parameter values `p`, when there are
// any, follow the input array, as in generated code.
class EntryPoints {
public:
    EntryPoints(const jit::Library& lib, std::vector<double> p) : lib_(lib), p_(std::move(p)) {}

    template <class R, class... Out>
    R call(const std::string& name, const double* x, Out... out) const {
        if (p_.empty()) return lib_.function<R(const double*, Out...)>(name)(x, out...);
        return lib_.function<R(const double*, const double*, Out...)>(name)(x, p_.data(), out...);
    }

    template <class... Out>
    void batch(const std::string& name, std::size_t m, const double* X, Out... out) const {
        if (p_.empty()) return lib_.function<void(std::size_t, const double*, Out...)>(name)(m, X, out...);
        lib_.function<void(std::size_t, const double*, const double*, Out...)>(name)(m, X, p_.data(), out...);
    }

    const jit::Library& lib() const { return lib_; }
    const std::vector<double>& p() const { return p_; }

private:
    const jit::Library& lib_;
    std::vector<double> p_;
};

std::string show(const std::vector<double>& x);

// Values at `m` points in structure-of-arrays layout.
std::vector<double> soa(const std::vector<std::vector<double>>& points) {
    const std::size_t m = points.size(), n = points[0].size();
    std::vector<double> x(n * m);
    for (std::size_t i = 0; i < m; ++i)
        for (std::size_t v = 0; v < n; ++v) x[v * m + i] = points[i][v];
    return x;
}

std::vector<std::vector<double>> random_points(std::mt19937& rng, std::size_t count, std::size_t n, double lo,
                                               double hi) {
    std::uniform_real_distribution<double> u(lo, hi);
    std::vector<std::vector<double>> points(count, std::vector<double>(n));
    for (auto& p : points)
        for (double& v : p) v = u(rng);
    return points;
}

// The sparse entry points agree with each other and with the symbolic matrix's zeros.
void check_pattern(const jit::Library& lib, const std::string& prefix, const diff::Matrix& symbolic, bool lower) {
    const int nnz = lib.function<NnzFn>(prefix + "_nnz")();
    std::vector<int> rows(static_cast<std::size_t>(nnz)), cols(rows.size()), ptr(symbolic.size() + 1), idx(rows.size());
    lib.function<PatternFn>(prefix + "_pattern")(rows.data(), cols.data());
    lib.function<PatternFn>(prefix + "_csr")(ptr.data(), idx.data());
    std::size_t k = 0;
    for (std::size_t r = 0; r < symbolic.size(); ++r) {
        CHECK(ptr[r] == static_cast<int>(k));
        for (std::size_t c = 0; c < (lower ? r + 1 : symbolic[r].size()); ++c) {
            const bool listed = k < rows.size() && rows[k] == static_cast<int>(r) && cols[k] == static_cast<int>(c);
            CHECK(listed == !symbolic[r][c].is_zero());
            if (listed) CHECK(idx[k++] == static_cast<int>(c));
        }
    }
    CHECK(k == rows.size());
    CHECK(ptr.back() == nnz);
}

// Every entry point of a scalar function with --hessian --batch, against eval of diff's
// results; the parameters, if any, are inputs of eval with the values `entry.p()`.
struct ScalarCheck {
    std::string name;
    Expr f;
    std::vector<Expr> vars;
    std::vector<Expr> params = {};

    std::size_t run(const EntryPoints& entry, const std::vector<std::vector<double>>& points,
                    std::uint32_t seed) const {
        const jit::Library& lib = entry.lib();
        const std::size_t n = vars.size();
        const std::vector<Expr> g = diff::gradient(f, vars);
        const diff::Matrix h = diff::hessian(f, vars);
        std::vector<Expr> roots{f};
        roots.insert(roots.end(), g.begin(), g.end());
        for (const auto& row : h) roots.insert(roots.end(), row.begin(), row.end());
        const tape::Tape reference(roots, concat(vars, params));
        check_pattern(lib, name + "_hess", h, true);

        const int nnz = lib.function<NnzFn>(name + "_hess_nnz")();
        std::vector<int> rows(static_cast<std::size_t>(nnz)), cols(rows.size());
        lib.function<PatternFn>(name + "_hess_pattern")(rows.data(), cols.data());
        auto hess_index = [&](std::size_t k) { return 1 + n + rows[k] * n + cols[k]; };

        const std::size_t m = points.size();
        const std::vector<double> X = soa(points);
        std::vector<double> F(m), F2(m), G(n * m), V(rows.size() * m);
        entry.batch(name + "_batch", m, X.data(), F.data());
        entry.batch(name + "_grad_batch", m, X.data(), F2.data(), G.data());
        entry.batch(name + "_hess_values_batch", m, X.data(), V.data());

        std::size_t compared = 0;
        for (std::size_t i = 0; i < m; ++i) {
            const std::vector<double>& x = points[i];
            const std::string point = show(x);
            CAPTURE(point);
            Comparison c(reference, concat(x, entry.p()), seed + static_cast<std::uint32_t>(i));
            std::vector<double> grad(n), grad2(n), hess(n * n), values(rows.size());
            c.check(0, entry.call<double>(name, x.data()));
            c.check(0, entry.call<double>(name + "_grad", x.data(), grad.data()));
            c.check(0, entry.call<double>(name + "_hess", x.data(), grad2.data(), hess.data()));
            entry.call<void>(name + "_hess_values", x.data(), values.data());
            c.check(0, F[i]);
            c.check(0, F2[i]);
            for (std::size_t v = 0; v < n; ++v) {
                c.check(1 + v, grad[v]);
                c.check(1 + v, grad2[v]);
                c.check(1 + v, G[v * m + i]);
            }
            for (std::size_t e = 0; e < n * n; ++e) c.check(1 + n + e, hess[e]);
            for (std::size_t k = 0; k < rows.size(); ++k) {
                c.check(hess_index(k), values[k]);
                c.check(hess_index(k), V[k * m + i]);
            }
            compared += c.compared;
        }
        return compared;
    }
};

// f_eval, f_jac, the sparse Jacobian and their batches for a vector function.
struct VectorCheck {
    std::string name;
    std::vector<Expr> fs;
    std::vector<Expr> vars;
    std::vector<Expr> params = {};

    std::size_t run(const EntryPoints& entry, const std::vector<std::vector<double>>& points,
                    std::uint32_t seed) const {
        const jit::Library& lib = entry.lib();
        const std::size_t n = vars.size(), k = fs.size();
        const diff::Matrix j = diff::jacobian(fs, vars);
        std::vector<Expr> roots = fs;
        for (const auto& row : j) roots.insert(roots.end(), row.begin(), row.end());
        const tape::Tape reference(roots, concat(vars, params));
        check_pattern(lib, name + "_jac", j, false);
        const int nnz = lib.function<NnzFn>(name + "_jac_nnz")();
        std::vector<int> rows(static_cast<std::size_t>(nnz)), cols(rows.size());
        lib.function<PatternFn>(name + "_jac_pattern")(rows.data(), cols.data());

        const std::size_t m = points.size();
        const std::vector<double> X = soa(points);
        std::vector<double> Y(k * m), V(rows.size() * m);
        entry.batch(name + "_eval_batch", m, X.data(), Y.data());
        entry.batch(name + "_jac_values_batch", m, X.data(), V.data());
        std::size_t compared = 0;
        for (std::size_t i = 0; i < m; ++i) {
            const std::vector<double>& x = points[i];
            const std::string point = show(x);
            CAPTURE(point);
            Comparison c(reference, concat(x, entry.p()), seed + static_cast<std::uint32_t>(i));
            std::vector<double> y(k), y2(k), jac(k * n), values(rows.size());
            entry.call<void>(name + "_eval", x.data(), y.data());
            entry.call<void>(name + "_jac", x.data(), y2.data(), jac.data());
            entry.call<void>(name + "_jac_values", x.data(), values.data());
            for (std::size_t r = 0; r < k; ++r) {
                c.check(r, y[r]);
                c.check(r, y2[r]);
                c.check(r, Y[r * m + i]);
            }
            for (std::size_t e = 0; e < k * n; ++e) c.check(k + e, jac[e]);
            for (std::size_t e = 0; e < rows.size(); ++e) {
                c.check(k + rows[e] * n + cols[e], values[e]);
                c.check(k + rows[e] * n + cols[e], V[e * m + i]);
            }
            compared += c.compared;
        }
        return compared;
    }
};

std::string show(const std::vector<double>& x) {
    std::ostringstream s;
    s.precision(17);
    for (double v : x) s << v << " ";
    return s.str();
}

}  // namespace

TEST_SUITE("codegen") {
    TEST_CASE("emitted source is deterministic and names the gradient method") {
        const std::vector<Expr> v = syms({"x", "y"});
        auto make = [&] {
            codegen::Spec s = spec_of("f", {parse::parse("sin(x*y) + x^3/y - relu(y)")}, v);
            s.hessian = true;
            s.jacobian = true;
            s.batch = true;
            return codegen::generate_cpp(s);
        };
        const std::string first = make();
        codegen::generate_cpp(spec_of("g", {parse::parse("exp(y)*x + y*sin(x*y)")}, v));
        CHECK(make() == first);
        CHECK(first.find("// gradient: ") != std::string::npos);
        codegen::Spec adj = spec_of("f", {parse::parse("x*y")}, v);
        adj.gradient = GradientMethod::Adjoint;
        CHECK(codegen::generate_cpp(adj).find("// gradient: reverse mode (adjoint)") != std::string::npos);
        adj.gradient = GradientMethod::Symbolic;
        CHECK(codegen::generate_cpp(adj).find("// gradient: symbolic") != std::string::npos);
    }

    TEST_CASE("bad specs are errors") {
        const std::vector<Expr> v = syms({"x"});
        CHECK_THROWS_AS(codegen::generate_cpp(spec_of("double", {core::sym("x")}, v)), nabla::Error);
        CHECK_THROWS_AS(codegen::generate_cpp(spec_of("1f", {core::sym("x")}, v)), nabla::Error);
        CHECK_THROWS_AS(codegen::generate_cpp(spec_of("f", {core::sym("y")}, v)), nabla::Error);
        codegen::Spec two = spec_of("f", {core::sym("x"), core::sym("x")}, v);
        two.hessian = true;
        CHECK_THROWS_AS(codegen::generate_cpp(two), nabla::Error);
        const Expr f = parse::parse("a*x");
        CHECK_THROWS_WITH_AS(codegen::generate_cpp(spec_of("f", {f}, v)),
                             "'a' is neither a variable (--vars) nor a parameter (--params)", nabla::Error);
        CHECK_THROWS_WITH_AS(codegen::generate_cpp(spec_of("f", {f}, syms({"x", "a"}), syms({"a"}))),
                             "'a' is both a variable and a parameter", nabla::Error);
        CHECK_THROWS_AS(codegen::generate_cpp(spec_of("f", {f}, v, syms({"a", "a"}))), nabla::Error);
        CHECK_THROWS_AS(codegen::generate_cpp(spec_of("f", {f}, v, {parse::parse("2*a")})), nabla::Error);
    }

    TEST_CASE("without parameters the entry points keep their signatures; with them p follows x") {
        const std::string plain = codegen::generate_cpp(spec_of("f", {parse::parse("x^2")}, syms({"x"})));
        CHECK(plain.find("const double* p") == std::string::npos);
        CHECK(plain.find("// p[k]") == std::string::npos);
        codegen::Spec s = spec_of("f", {parse::parse("a*x^2"), parse::parse("x")}, syms({"x"}), syms({"a", "b"}));
        s.batch = true;
        const std::string source = codegen::generate_cpp(s);
        CHECK(source.find("// p[k] for k = 0, 1, ...: a b\n") != std::string::npos);
        CHECK(source.find("void f_eval(const double* x, const double* p, double* y)") != std::string::npos);
        CHECK(source.find("void f_jac_values_batch(std::size_t m, const double* __restrict X, "
                          "const double* __restrict p, double* __restrict V)")
              != std::string::npos);
        CHECK(source.find("int f_jac_nnz() {") != std::string::npos);  // patterns do not depend on p
    }

    TEST_CASE("golden sources") {
        struct Golden {
            const char* file;
            const char* expr;
            std::vector<Expr> vars;
            bool hessian;
            std::vector<Expr> params = {};
        };
        const std::vector<Golden> goldens = {
            {"poly", "x^2*y + 3*x - y^3/2", syms({"x", "y"}), false},
            {"kinks", "relu(x) + abs(x - y) + max(x, y)", syms({"x", "y"}), false},
            {"radial", "sqrt(x^2 + y^2) + exp(-x*y)", syms({"x", "y"}), true},
            {"gauss", "a*exp(-(x - mu)^2/(2*s^2)) + c", syms({"x"}), true, syms({"a", "mu", "s", "c"})},
        };
        const bool update = std::getenv("NABLA_UPDATE_GOLDEN") != nullptr;
        for (const Golden& g : goldens) {
            CAPTURE(g.file);
            codegen::Spec s = spec_of(g.file, {parse::parse(g.expr)}, g.vars, g.params);
            s.hessian = g.hessian;
            const std::string source = codegen::generate_cpp(s);
            const std::string path = std::string(NABLA_SOURCE_DIR) + "/tests/golden/codegen/" + g.file + ".expect";
            if (update) std::ofstream(path, std::ios::binary) << source;
            CHECK(source == read_text(path));
        }
    }

    TEST_CASE("random expressions: every entry point against eval" * doctest::skip(!nabla::testing::have_compiler())) {
        nabla::testing::RandomExpr gen(20240611);
        const std::vector<Expr> vars = gen.symbols();
        std::vector<ScalarCheck> scalars;
        std::vector<VectorCheck> vectors;
        std::string source;
        const GradientMethod methods[] = {GradientMethod::Auto, GradientMethod::Adjoint, GradientMethod::Symbolic};
        for (int k = 0; k < 240; ++k) {
            ScalarCheck c{"r" + std::to_string(k), gen.expr(k % 4 == 0 ? 4 : 3), vars};
            codegen::Spec s = spec_of(c.name, {c.f}, vars);
            s.hessian = s.batch = true;
            s.gradient = methods[k % 3];
            source += codegen::generate_cpp(s);
            scalars.push_back(std::move(c));
        }
        for (int k = 0; k < 40; ++k) {
            VectorCheck c{"v" + std::to_string(k), {gen.expr(3), gen.expr(3)}, vars};
            codegen::Spec s = spec_of(c.name, c.fs, vars);
            s.batch = true;
            source += codegen::generate_cpp(s);
            vectors.push_back(std::move(c));
        }
        const jit::Library lib = jit::compile(source, nabla::testing::quick_options());
        const EntryPoints entry(lib, {});
        std::mt19937 rng(99);
        // Batches run in tiles of up to 64 points: some batches span several, the last partial.
        auto count = [](std::size_t k) -> std::size_t { return k % 16 == 0 ? 64 + 1 + k % 90 : 3; };
        std::size_t compared = 0, possible = 0;
        for (std::size_t k = 0; k < scalars.size(); ++k) {
            CAPTURE(scalars[k].name);
            compared += scalars[k].run(entry, random_points(rng, count(k), vars.size(), -2, 2), rng());
            possible += 3 * 11;
        }
        for (std::size_t k = 0; k < vectors.size(); ++k) {
            CAPTURE(vectors[k].name);
            compared += vectors[k].run(entry, random_points(rng, count(k), vars.size(), -2, 2), rng());
        }
        MESSAGE("random expressions: " << compared << " values compared");
        CHECK(compared > possible);
    }

    TEST_CASE("parameters: every entry point against eval, parameters held constant"
              * doctest::skip(!nabla::testing::have_compiler())) {
        nabla::testing::RandomExpr gen(20250301, {"x", "y", "a", "b"});
        const std::vector<Expr> vars = syms({"x", "y"}), params = syms({"a", "b"});
        std::vector<ScalarCheck> scalars{{"unused", parse::parse("x*y^2"), vars, params}};
        std::vector<VectorCheck> vectors{{"vunused", {parse::parse("x*y"), parse::parse("x + y")}, vars, params}};
        const GradientMethod methods[] = {GradientMethod::Auto, GradientMethod::Adjoint, GradientMethod::Symbolic};
        for (int k = 0; k < 120; ++k)
            scalars.push_back({"pr" + std::to_string(k), gen.expr(k % 4 == 0 ? 4 : 3), vars, params});
        for (int k = 0; k < 20; ++k)
            vectors.push_back({"pv" + std::to_string(k), {gen.expr(3), gen.expr(3)}, vars, params});
        std::string source;
        for (std::size_t k = 0; k < scalars.size(); ++k) {
            codegen::Spec s = spec_of(scalars[k].name, {scalars[k].f}, vars, params);
            s.hessian = s.batch = true;
            s.gradient = methods[k % 3];
            source += codegen::generate_cpp(s);
        }
        for (const VectorCheck& c : vectors) {
            codegen::Spec s = spec_of(c.name, c.fs, vars, params);
            s.batch = true;
            source += codegen::generate_cpp(s);
        }
        const jit::Library lib = jit::compile(source, nabla::testing::quick_options());
        std::mt19937 rng(7);
        std::size_t compared = 0, possible = 0;
        for (const ScalarCheck& c : scalars) {
            CAPTURE(c.name);
            const EntryPoints entry(lib, random_points(rng, 1, params.size(), -2, 2)[0]);
            compared += c.run(entry, random_points(rng, 3, vars.size(), -2, 2), rng());
            possible += 3 * 11;
        }
        for (const VectorCheck& c : vectors) {
            CAPTURE(c.name);
            const EntryPoints entry(lib, random_points(rng, 1, params.size(), -2, 2)[0]);
            compared += c.run(entry, random_points(rng, 3, vars.size(), -2, 2), rng());
        }
        MESSAGE("parameters: " << compared << " values compared");
        CHECK(compared > possible);
    }

    TEST_CASE("kinks and real roots: the values eval documents" * doctest::skip(!nabla::testing::have_compiler())) {
        struct Kink {
            const char* expr;
            std::vector<double> at;
        };
        const std::vector<Kink> kinks = {
            {"abs(x) + 0*y", {0, 0}},         {"relu(x) + 0*y", {0, 0}},      {"heaviside(x)*y", {0, 2}},
            {"sign(x)*y", {0, 2}},            {"max(x, y)", {1, 1}},          {"min(x, y)", {1, 1}},
            {"relu(x - y)", {0.5, 0.5}},      {"abs(x*y)", {0, 3}},           {"sigmoid(x) + y", {0, 1}},
            {"softplus(x) + y", {0, 1}},      {"x^(1/3) + y", {-8, 0}},       {"x^(2/3) + y", {-8, 0}},
            {"x^(3/5) + y", {-32, 0}},        {"x^(2/5)*y", {-32, 1}},        {"x^101 + y", {-1, 0}},
            {"x^(-3) + y", {-2, 0}},          {"cbrt(x)*y", {-27, 2}},        {"max(x, y)^2", {-1, -1}},
            {"softplus(x) + y", {800, 1}},    {"sigmoid(x) + y", {-800, 1}},  {"atan2(y, x)", {-1, 0}},
        };
        const std::vector<Expr> vars = syms({"x", "y"});
        std::string source;
        for (std::size_t k = 0; k < kinks.size(); ++k)
            for (GradientMethod m : {GradientMethod::Adjoint, GradientMethod::Symbolic}) {
                codegen::Spec s = spec_of((m == GradientMethod::Adjoint ? "a" : "s") + std::to_string(k),
                                          {parse::parse(kinks[k].expr)}, vars);
                s.gradient = m;
                source += codegen::generate_cpp(s);
            }
        const jit::Library lib = jit::compile(source, nabla::testing::quick_options());
        for (std::size_t k = 0; k < kinks.size(); ++k) {
            const Expr f = parse::parse(kinks[k].expr);
            CAPTURE(kinks[k].expr);
            eval::Point at;
            for (std::size_t v = 0; v < vars.size(); ++v) at.emplace(vars[v].name(), mpq_class(kinks[k].at[v]));
            std::vector<double> want{eval::evaluate(f, at).number};
            for (const Expr& x : vars) want.push_back(eval::evaluate(diff::derivative(f, x), at).number);
            for (const char* prefix : {"a", "s"}) {
                const std::string name = prefix + std::to_string(k);
                std::vector<double> g(2);
                const double value = lib.function<GradFn>(name + "_grad")(kinks[k].at.data(), g.data());
                const double got[] = {lib.function<ValueFn>(name)(kinks[k].at.data()), value, g[0], g[1]};
                const double expected[] = {want[0], want[0], want[1], want[2]};
                for (int i = 0; i < 4; ++i) {
                    CAPTURE(name);
                    CAPTURE(i);
                    CHECK(std::fabs(got[i] - expected[i]) <= 1e-15 * std::fabs(expected[i]));
                }
            }
        }
    }
}

// test_opt.cpp — the optimizers against known minimisers, random convex quadratics, domains.
#include "core/build.hpp"
#include "core/error.hpp"
#include "opt/minimize.hpp"
#include "parse/parse.hpp"

#include <doctest/doctest.h>

#include <random>

using nabla::core::Expr;
namespace opt = nabla::opt;

namespace {

std::vector<Expr> symbols(std::initializer_list<const char*> names) {
    std::vector<Expr> out;
    for (const char* n : names) out.push_back(nabla::core::sym(n));
    return out;
}

opt::Result minimize(const std::string& f, const std::vector<Expr>& vars, Eigen::VectorXd x0, opt::Method method,
                     int max_iterations = 1000) {
    const opt::ExpressionObjective objective(nabla::parse::parse(f), vars);
    opt::Options options;
    options.method = method;
    options.max_iterations = max_iterations;
    return opt::minimize(objective, x0, options);
}

constexpr opt::Method all_methods[] = {opt::Method::GradientDescent, opt::Method::Newton, opt::Method::LBFGS};

}  // namespace

TEST_SUITE("opt") {
    TEST_CASE("every method finds Rosenbrock's minimum from (-1.2, 1)") {
        for (opt::Method m : all_methods) {
            CAPTURE(opt::method_name(m));
            const opt::Result r = minimize("(1 - x)^2 + 100*(y - x^2)^2", symbols({"x", "y"}),
                                           Eigen::Vector2d(-1.2, 1), m, 100000);
            CHECK(r.converged);
            CHECK(r.gradient_norm <= 1e-8);
            CHECK(r.x[0] == doctest::Approx(1).epsilon(1e-6));
            CHECK(r.x[1] == doctest::Approx(1).epsilon(1e-6));
            CHECK(r.evaluations > 0);
        }
    }

    TEST_CASE("random convex quadratics: every method reaches the solution of the linear system") {
        std::mt19937 rng(5);
        std::uniform_real_distribution<double> u(-2, 2);
        const std::vector<Expr> vars = symbols({"a", "b", "c", "d"});
        for (int trial = 0; trial < 20; ++trial) {
            // f = 1/2 x'Ax - b'x with A = M'M + I, written out term by term with exact rationals.
            Eigen::Matrix4d m;
            for (int i = 0; i < 16; ++i) m(i / 4, i % 4) = std::round(u(rng) * 8) / 8;
            const Eigen::Matrix4d a = m.transpose() * m + Eigen::Matrix4d::Identity();
            Eigen::Vector4d b;
            for (int i = 0; i < 4; ++i) b[i] = std::round(u(rng) * 8) / 8;
            std::string f = "0";
            for (int i = 0; i < 4; ++i) {
                for (int j = 0; j < 4; ++j)
                    f += " + " + std::to_string(a(i, j) / 2) + "*" + vars[i].name() + "*" + vars[j].name();
                f += " - " + std::to_string(b[i]) + "*" + vars[i].name();
            }
            const Eigen::Vector4d exact = a.ldlt().solve(b);
            for (opt::Method m : all_methods) {
                CAPTURE(opt::method_name(m));
                const opt::Result r = minimize(f, vars, Eigen::Vector4d(u(rng), u(rng), u(rng), u(rng)), m, 100000);
                CHECK(r.converged);
                CHECK((r.x - exact).norm() <= 1e-6 * (1 + exact.norm()));
            }
        }
    }

    TEST_CASE("Newton leaves a region of negative curvature downhill") {
        // x^4 - 2x^2 has a maximum at 0 and minima at -1 and 1; the Hessian at 0.1 is negative.
        const opt::Result r = minimize("x^4 - 2*x^2 + y^2", symbols({"x", "y"}), Eigen::Vector2d(0.1, 1),
                                       opt::Method::Newton);
        CHECK(r.converged);
        CHECK(r.x[0] == doctest::Approx(1).epsilon(1e-8));
        CHECK(r.value == doctest::Approx(-1).epsilon(1e-12));
    }

    TEST_CASE("steps out of the domain are taken back; a start outside it is an error") {
        // 10x - log(x): the first full gradient step from 1 lands at -8, where log is undefined.
        for (opt::Method m : all_methods) {
            CAPTURE(opt::method_name(m));
            const opt::Result r = minimize("10*x - log(x)", symbols({"x"}), Eigen::VectorXd::Constant(1, 1.0), m);
            CHECK(r.converged);
            CHECK(r.x[0] == doctest::Approx(0.1).epsilon(1e-8));
        }
        CHECK_THROWS_AS(minimize("10*x - log(x)", symbols({"x"}), Eigen::VectorXd::Constant(1, -1.0),
                                 opt::Method::LBFGS),
                        nabla::DomainError);
    }

    TEST_CASE("an iteration limit stops early with the best point, not converged") {
        const Eigen::Vector2d x0(-1.2, 1);
        const opt::Result r = minimize("(1 - x)^2 + 100*(y - x^2)^2", symbols({"x", "y"}), x0,
                                       opt::Method::GradientDescent, 3);
        CHECK_FALSE(r.converged);
        CHECK(r.iterations == 3);
        CHECK(r.stop.find("iteration limit") != std::string::npos);
        CHECK(r.value < 24.2);  // f(x0) = 24.2
    }

    TEST_CASE("options out of range and a wrong starting point are errors") {
        const opt::ExpressionObjective f(nabla::parse::parse("x^2"), symbols({"x"}));
        opt::Options o;
        CHECK_THROWS_AS(opt::minimize(f, Eigen::Vector2d(1, 2), o), nabla::Error);
        o.max_iterations = 0;
        CHECK_THROWS_AS(opt::minimize(f, Eigen::VectorXd::Constant(1, 1.0), o), nabla::Error);
        CHECK_THROWS_AS(opt::ExpressionObjective(nabla::parse::parse("x*y"), symbols({"x"})), nabla::Error);
        CHECK(opt::method_from_name("newton") == opt::Method::Newton);
        CHECK_FALSE(opt::method_from_name("simplex"));
    }
}

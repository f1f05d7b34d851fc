// test_opt.cpp — the optimizers against known minimisers, random convex quadratics, domains.
#include "core/build.hpp"
#include "core/error.hpp"
#include "opt/compiled_objective.hpp"
#include "opt/csv_fields.hpp"
#include "opt/data.hpp"
#include "opt/fit.hpp"
#include "opt/minimize.hpp"
#include "opt/row_values.hpp"
#include "parse/parse.hpp"
#include "test_codegen_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <new>
#include <random>
#include <sstream>

using nabla::core::Expr;
namespace opt = nabla::opt;

namespace {

std::vector<Expr> symbols(std::initializer_list<const char*> names) {
    std::vector<Expr> out;
    for (const char* n : names) out.push_back(nabla::core::sym(n));
    return out;
}

opt::SearchResult minimize(const std::string& f, const std::vector<Expr>& vars, Eigen::VectorXd x0, opt::Method method,
                     int max_iterations = 1000) {
    const opt::ExpressionObjective objective(nabla::parse::parse(f), vars);
    opt::Options options;
    options.method = method;
    options.max_iterations = max_iterations;
    return opt::minimize(objective, x0, options);
}

// The values of column `name`, as a fit's target.
Eigen::VectorXd column(const opt::Table& data, const char* name) {
    return opt::row_values(nabla::parse::parse(name), data, "--target");
}

constexpr opt::Method all_methods[] = {opt::Method::GradientDescent, opt::Method::Newton, opt::Method::LBFGS};

}  // namespace

TEST_SUITE("opt") {
    TEST_CASE("every method finds Rosenbrock's minimum from (-1.2, 1)") {
        for (opt::Method m : all_methods) {
            CAPTURE(opt::method_name(m));
            const opt::SearchResult r = minimize("(1 - x)^2 + 100*(y - x^2)^2", symbols({"x", "y"}),
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
                const opt::SearchResult r = minimize(f, vars, Eigen::Vector4d(u(rng), u(rng), u(rng), u(rng)), m, 100000);
                CHECK(r.converged);
                CHECK((r.x - exact).norm() <= 1e-6 * (1 + exact.norm()));
            }
        }
    }

    TEST_CASE("Newton leaves a region of negative curvature downhill") {
        // x^4 - 2x^2 has a maximum at 0 and minima at -1 and 1; the Hessian at 0.1 is negative.
        const opt::SearchResult r = minimize("x^4 - 2*x^2 + y^2", symbols({"x", "y"}), Eigen::Vector2d(0.1, 1),
                                       opt::Method::Newton);
        CHECK(r.converged);
        CHECK(r.x[0] == doctest::Approx(1).epsilon(1e-8));
        CHECK(r.value == doctest::Approx(-1).epsilon(1e-12));
    }

    TEST_CASE("steps out of the domain are taken back; a start outside it is an error") {
        // 10x - log(x): the first full gradient step from 1 lands at -8, where log is undefined.
        for (opt::Method m : all_methods) {
            CAPTURE(opt::method_name(m));
            const opt::SearchResult r = minimize("10*x - log(x)", symbols({"x"}), Eigen::VectorXd::Constant(1, 1.0), m);
            CHECK(r.converged);
            CHECK(r.x[0] == doctest::Approx(0.1).epsilon(1e-8));
        }
        CHECK_THROWS_AS(minimize("10*x - log(x)", symbols({"x"}), Eigen::VectorXd::Constant(1, -1.0),
                                 opt::Method::LBFGS),
                        nabla::DomainError);
    }

    TEST_CASE("an iteration limit stops early with the best point, not converged") {
        const Eigen::Vector2d x0(-1.2, 1);
        const opt::SearchResult r = minimize("(1 - x)^2 + 100*(y - x^2)^2", symbols({"x", "y"}), x0,
                                       opt::Method::GradientDescent, 3);
        CHECK_FALSE(r.converged);
        CHECK(r.iterations == 3);
        CHECK(r.stop.find("iteration limit") != std::string::npos);
        CHECK(r.value < 24.2);  // f(x0) = 24.2
    }

    TEST_CASE("a cancel request stops a run at its next evaluation") {
        const opt::ExpressionObjective f(nabla::parse::parse("(1 - x)^2 + 100*(y - x^2)^2"), symbols({"x", "y"}));
        nabla::core::request_cancel();
        CHECK_THROWS_AS(opt::minimize(f, Eigen::Vector2d(-1.2, 1), opt::Options{}), nabla::Cancelled);
        nabla::core::clear_cancel();
        CHECK(opt::minimize(f, Eigen::Vector2d(-1.2, 1), opt::Options{}).converged);
    }

    TEST_CASE("Ctrl-C, a bug or out of memory in mid-run is not a failed line search") {
        // An objective that throws on its `at`-th evaluation, after the run has started.
        struct Throwing final : opt::Objective {
            const opt::Objective& f;
            std::function<void()> thrower;
            int at;
            mutable int count = 0;
            Throwing(const opt::Objective& f, std::function<void()> thrower, int at) : f(f), thrower(std::move(thrower)), at(at) {}
            std::size_t dimension() const override { return f.dimension(); }
            double gradient(const Eigen::VectorXd& x, Eigen::VectorXd& g) const override {
                if (++count == at) thrower();
                return f.gradient(x, g);
            }
            double hessian(const Eigen::VectorXd& x, Eigen::VectorXd& g, Eigen::MatrixXd& h) const override {
                if (++count == at) thrower();
                return f.hessian(x, g, h);
            }
            void check_finite(const Eigen::VectorXd& x) const override { f.check_finite(x); }
        };
        const opt::ExpressionObjective rosenbrock(nabla::parse::parse("(1 - x)^2 + 100*(y - x^2)^2"), symbols({"x", "y"}));
        for (const opt::Method method : all_methods) {
            CAPTURE(opt::method_name(method));
            opt::Options options;
            options.method = method;
            const Throwing cancelling(rosenbrock, [] { nabla::core::request_cancel(); }, 5);
            CHECK_THROWS_AS(opt::minimize(cancelling, Eigen::Vector2d(-1.2, 1), options), nabla::Cancelled);
            nabla::core::clear_cancel();
            const Throwing buggy(rosenbrock, [] { throw nabla::InternalError("a bug"); }, 5);
            CHECK_THROWS_AS(opt::minimize(buggy, Eigen::Vector2d(-1.2, 1), options), nabla::InternalError);
            const Throwing hungry(rosenbrock, [] { throw std::bad_alloc(); }, 5);
            CHECK_THROWS_AS(opt::minimize(hungry, Eigen::Vector2d(-1.2, 1), options), std::bad_alloc);
        }
    }

    TEST_CASE("an observer sees every iteration; Ctrl-C ends a run with its best point") {
        const opt::ExpressionObjective rosenbrock(nabla::parse::parse("(1 - x)^2 + 100*(y - x^2)^2"),
                                                  symbols({"x", "y"}));
        for (const opt::Method method : all_methods) {
            CAPTURE(opt::method_name(method));
            opt::Options options;
            options.method = method;
            options.max_iterations = 100000;
            std::vector<opt::Iterate> seen;
            Eigen::VectorXd last;
            options.observer = [&](const opt::Iterate& it) {
                seen.push_back(it);
                if (last.size() != 0) CHECK(it.step == doctest::Approx((it.x - last).norm()));
                last = it.x;
            };
            const opt::SearchResult r = opt::minimize(rosenbrock, Eigen::Vector2d(-1.2, 1), options);
            REQUIRE(r.iterations);
            REQUIRE(seen.size() == static_cast<std::size_t>(*r.iterations) + 1);
            CHECK(seen.front().iteration == 0);
            CHECK(seen.front().value == doctest::Approx(24.2));
            CHECK(seen.back().iteration == *r.iterations);
            CHECK(seen.back().value == doctest::Approx(r.value).epsilon(1e-6));
            for (std::size_t k = 1; k < seen.size(); ++k) CHECK(seen[k].value <= seen[k - 1].value);

            // Ctrl-C at the third iteration: the run stops at its next evaluation, with the best point.
            options.observer = [](const opt::Iterate& it) {
                if (it.iteration == 3) nabla::core::request_cancel();
            };
            try {
                opt::minimize(rosenbrock, Eigen::Vector2d(-1.2, 1), options);
                FAIL("not interrupted");
            } catch (const opt::Interrupted& e) {
                CHECK_FALSE(e.best.converged);
                CHECK(e.best.stop == "interrupted");
                CHECK(e.best.iterations == 3);
                CHECK(e.best.value < 24.2);
                Eigen::VectorXd g;
                CHECK(rosenbrock.gradient(e.best.x, g) == doctest::Approx(e.best.value));
            }
            nabla::core::clear_cancel();
        }
    }

    TEST_CASE("options out of range and a wrong starting point are errors") {
        const opt::ExpressionObjective f(nabla::parse::parse("x^2"), symbols({"x"}));
        opt::Options o;
        CHECK_THROWS_AS(opt::minimize(f, Eigen::Vector2d(1, 2), o), nabla::Error);
        o.max_iterations = 0;
        CHECK_THROWS_AS(opt::minimize(f, Eigen::VectorXd::Constant(1, 1.0), o), nabla::Error);
        o.max_iterations = opt::max_iterations + 1;
        CHECK_THROWS_AS(opt::minimize(f, Eigen::VectorXd::Constant(1, 1.0), o), nabla::Error);
        o.max_iterations = 10;
        o.tolerance = -1;
        CHECK_THROWS_AS(opt::minimize(f, Eigen::VectorXd::Constant(1, 1.0), o), nabla::Error);
        CHECK_THROWS_AS(opt::ExpressionObjective(nabla::parse::parse("x*y"), symbols({"x"})), nabla::Error);
        CHECK(opt::method_from_name("newton") == opt::Method::Newton);
        CHECK_FALSE(opt::method_from_name("simplex"));
    }

    TEST_CASE("CSV: columns, rows, comments; every error names the line and column") {
        std::istringstream good("# decay\nt, y\n0, 1.5\n\n1,+2e-1\r\n");
        const opt::Table t = opt::read_csv(good, "d.csv");
        CHECK(t.columns == std::vector<std::string>{"t", "y"});
        CHECK(t.rows() == 2);
        CHECK(t.at(1, 1) == 0.2);
        CHECK(t.column("y") == 1u);
        auto error = [](const std::string& text) {
            std::istringstream in(text);
            try {
                opt::read_csv(in, "d.csv");
            } catch (const nabla::Error& e) {
                return std::string(e.what());
            }
            return std::string("no error");
        };
        CHECK(error("t,y\n1,abc\n") == "d.csv:2:3: 'abc' is not a finite number");
        CHECK(error("t,y\n1,inf\n") == "d.csv:2:3: 'inf' is not a finite number");
        CHECK(error("t,y\n1\n") == "d.csv:2:1: a row of 1 values, but 2 columns");
        CHECK(error("t,2y\n")
              == "d.csv:1:3: column 2 is named '2y', which is not a variable name (letters, digits and _, not starting "
                 "with a digit)");
        // Names the language reads as something else: a model could never refer to the column.
        CHECK(error("t,pi\n") == "d.csv:1:3: column 2 is named 'pi', the constant pi in a model: rename it");
        CHECK(error("e,y\n") == "d.csv:1:1: column 1 is named 'e', the constant e in a model: rename it");
        CHECK(error("t,sin\n") == "d.csv:1:3: column 2 is named 'sin', a function in a model: rename it");
        CHECK(error("t,\"pi\"\n") == "d.csv:1:3: column 2 is named 'pi', the constant pi in a model: rename it");
        CHECK(error("t,y-1\n")
              == "d.csv:1:3: column 2 is named 'y-1', which is not a variable name (letters, digits and _, not starting "
                 "with a digit)");
        CHECK(error("t,\n") == "d.csv:1:3: column 2 has no name");
        CHECK(error("t,t\n") == "d.csv:1:3: column 't' appears twice");
        CHECK(error("t,y\n") == "d.csv: no rows of data");
        CHECK(error("") == "d.csv: no header line (column names)");
    }

    TEST_CASE("CSV as spreadsheets write it: byte-order mark, quotes, ';', CRLF, empty rows") {
        auto read = [](const std::string& text, opt::CsvOptions options = {}) {
            std::istringstream in(text);
            return opt::read_csv(in, "s.csv", options);
        };
        const opt::Table excel = read("\xEF\xBB\xBF\"t\";\"y\"\r\n0;\"1.5\"\r\n;\r\n2 ; 3e1\r\n");
        CHECK(excel.columns == std::vector<std::string>{"t", "y"});
        REQUIRE(excel.rows() == 2);
        CHECK(excel.at(0, 1) == 1.5);
        CHECK(excel.at(1, 0) == 2);
        CHECK(excel.at(1, 1) == 30);
        // Detection looks at the header only: commas, else semicolons, else tabs.
        CHECK(read("t\ty\n1\t2\n").at(0, 1) == 2);
        CHECK(read("y\n4\n").at(0, 0) == 4);
        CHECK(opt::detect_separator("\"a,b\";y") == ';');  // the ',' is quoted
        CHECK(opt::detect_separator("\"a;b\",y") == ',');
        CHECK(read("t|y\n1|2\n", {.separator = '|'}).at(0, 1) == 2);
        auto error = [&](const std::string& text, opt::CsvOptions options = {}) {
            try {
                read(text, options);
            } catch (const nabla::Error& e) {
                return std::string(e.what());
            }
            return std::string("no error");
        };
        CHECK(error("t;y\n1;2,5\n") == "s.csv:2:3: '2,5' is not a finite number (write decimals with '.', not ',')");
        CHECK(error("t,y\n1,\"2\n") == "s.csv:2:3: a quoted field that does not end on its line (a closing \" is missing)");
        CHECK(error("t,y\n1,\"2\"x\n") == "s.csv:2:6: text after a quoted field (expected the separator ',')");
        CHECK(error("t,y\n1,\"\"\n") == "s.csv:2:3: '' is not a finite number");
        CHECK(error("t,\"y \"\"q\"\"\"\n")
              == "s.csv:1:3: column 2 is named 'y \"q\"', which is not a variable name (letters, digits and _, not "
                 "starting with a digit)");
        CHECK(error("t;y\n1;2\n", {.separator = ','}) == "s.csv:1:1: column 1 is named 't;y', which is not a variable "
                                                           "name (letters, digits and _, not starting with a digit)");
        CHECK(error("\xFF\xFEt\0,\0") == "s.csv: UTF-16 text; save the file as UTF-8 (\"CSV UTF-8\")");
    }

    TEST_CASE("CSV: reading stops at 10^8 bytes, even inside one endless line") {
        struct Endless : std::streambuf {
            std::size_t served = 0;
            std::string block = std::string(4096, 'x');
            int underflow() override {
                served += block.size();
                setg(block.data(), block.data(), block.data() + block.size());
                return 'x';
            }
        } endless;
        std::istream in(&endless);
        CHECK_THROWS_AS(opt::read_csv(in, "zero.csv"), nabla::LimitError);
        CHECK(endless.served <= 100'000'000 + 8192);
    }

    TEST_CASE("fit: exact data gives back the parameters, with every method") {
        // y = 2.5 exp(-0.7 t) + 0.3 at 30 points, printed with 17 digits.
        std::ostringstream csv;
        csv.precision(17);
        csv << "t,y\n";
        for (int i = 0; i < 30; ++i) csv << i * 0.25 << "," << 2.5 * std::exp(-0.7 * i * 0.25) + 0.3 << "\n";
        std::istringstream in(csv.str());
        const opt::Table data = opt::read_csv(in, "decay.csv");
        const std::vector<Expr> params = symbols({"a", "k", "c"});
        const opt::LeastSquares f(nabla::parse::parse("a*exp(-k*t) + c"), params, data, column(data, "y"));
        for (opt::Method m : all_methods) {
            CAPTURE(opt::method_name(m));
            opt::Options o;
            o.method = m;
            o.max_iterations = 100000;
            const opt::SearchResult r = opt::minimize(f, Eigen::Vector3d(1, 1, 1), o);
            CHECK(r.converged);
            CHECK(r.x[0] == doctest::Approx(2.5).epsilon(1e-6));
            CHECK(r.x[1] == doctest::Approx(0.7).epsilon(1e-6));
            CHECK(r.x[2] == doctest::Approx(0.3).epsilon(1e-6));
            CHECK(f.residuals(r.x).norm() <= 1e-6);
        }
        CHECK_THROWS_AS(opt::LeastSquares(nabla::parse::parse("a*s"), params, data, column(data, "y")), nabla::Error);
        CHECK_THROWS_AS(opt::LeastSquares(nabla::parse::parse("a*t"), symbols({"t"}), data, column(data, "y")),
                        nabla::Error);
        CHECK_THROWS_AS(column(data, "z"), nabla::Error);
    }

    TEST_CASE("fit: the Hessian is the derivative of the gradient (central differences)") {
        std::istringstream in("u,v,y\n0.5,1,2\n1,-1,0.5\n2,0.25,3\n-1,2,1\n");
        const opt::Table data = opt::read_csv(in, "d.csv");
        const opt::LeastSquares f(nabla::parse::parse("a*sin(b*u) + exp(c*v)/(1 + a^2)"), symbols({"a", "b", "c"}),
                                  data, column(data, "y"));
        const Eigen::Vector3d p(0.7, -0.4, 0.3);
        Eigen::VectorXd g, g2, gp, gm;
        Eigen::MatrixXd h;
        const double value = f.hessian(p, g, h);
        CHECK(f.gradient(p, g2) == doctest::Approx(value));
        CHECK((g - g2).norm() <= 1e-12);
        const double eps = 1e-6;
        for (int j = 0; j < 3; ++j) {
            Eigen::Vector3d step = Eigen::Vector3d::Zero();
            step[j] = eps;
            f.gradient(p + step, gp);
            f.gradient(p - step, gm);
            const Eigen::VectorXd column = (gp - gm) / (2 * eps);
            CHECK((column - h.col(j)).norm() <= 1e-6 * (1 + h.col(j).norm()));
            const double fp = f.gradient(p + step, gp), fm = f.gradient(p - step, gm);
            CHECK((fp - fm) / (2 * eps) == doctest::Approx(g[j]).epsilon(1e-6));
        }
    }

    TEST_CASE("compiled objective: the same values, gradients and Hessians as the interpreted one"
              * doctest::skip(!nabla::testing::have_compiler())) {
        const Expr f = nabla::parse::parse("sin(x*y) + exp(x - z)^2/(1 + y^2) + x^4 - z*log(1 + x^2)");
        const std::vector<Expr> vars = symbols({"x", "y", "z"});
        const opt::ExpressionObjective interpreted(f, vars);
        const opt::CompiledObjective compiled(f, vars, true, nabla::testing::quick_options());
        std::mt19937 rng(11);
        std::uniform_real_distribution<double> u(-1.5, 1.5);
        for (int k = 0; k < 50; ++k) {
            const Eigen::Vector3d x(u(rng), u(rng), u(rng));
            Eigen::VectorXd g1, g2;
            Eigen::MatrixXd h1, h2;
            const double v1 = interpreted.hessian(x, g1, h1), v2 = compiled.hessian(x, g2, h2);
            CHECK(v2 == doctest::Approx(v1).epsilon(1e-12));
            CHECK((g2 - g1).norm() <= 1e-12 * (1 + g1.norm()));
            CHECK((h2 - h1).norm() <= 1e-12 * (1 + h1.norm()));
            CHECK(compiled.gradient(x, g2) == doctest::Approx(v1).epsilon(1e-12));
        }
        CHECK_THROWS_AS(compiled.check_finite(Eigen::Vector3d(1e308, 1e308, 0)), nabla::DomainError);
        // A strictly convex function: both reach its one minimum.
        const Expr convex = nabla::parse::parse("x^4 + (x - y)^2 + exp(z) - 2*z + (y + z)^2");
        const opt::ExpressionObjective slow(convex, vars);
        const opt::CompiledObjective fast(convex, vars, true, nabla::testing::quick_options());
        for (opt::Method m : all_methods) {
            CAPTURE(opt::method_name(m));
            opt::Options o;
            o.method = m;
            o.max_iterations = 100000;
            const opt::SearchResult r = opt::minimize(fast, Eigen::Vector3d(0.3, 0.2, 0.1), o);
            const opt::SearchResult reference = opt::minimize(slow, Eigen::Vector3d(0.3, 0.2, 0.1), o);
            CHECK(r.converged);
            CHECK((r.x - reference.x).norm() <= 1e-7);
        }
    }
}

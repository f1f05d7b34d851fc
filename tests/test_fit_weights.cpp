// test_fit_weights.cpp — weighted fits and targets that are expressions: the solution and every
// statistic against a hand computation and against the equivalent unweighted problem.
#include "core/build.hpp"
#include "core/error.hpp"
#include "core/expr.hpp"
#include "opt/data.hpp"
#include "opt/fit.hpp"
#include "opt/fit_statistics.hpp"
#include "opt/levenberg_marquardt.hpp"
#include "opt/row_values.hpp"
#include "parse/parse.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <sstream>

namespace opt = nabla::opt;
using nabla::parse::parse;

namespace {

opt::Table table(const std::string& csv) {
    std::istringstream in(csv);
    return opt::read_csv(in, "d.csv");
}

std::vector<nabla::core::Expr> symbols(std::initializer_list<const char*> names) {
    std::vector<nabla::core::Expr> out;
    for (const char* n : names) out.push_back(nabla::core::sym(n));
    return out;
}

Eigen::VectorXd values(const opt::Table& data, const char* expression) {
    return opt::row_values(parse(expression), data, "--target");
}

}  // namespace

TEST_SUITE("fit weights") {
    TEST_CASE("a weighted straight line: the closed-form solution, covariance and R^2") {
        const opt::Table data = table("x,y,w\n0,1.1,1\n1,2.9,4\n2,5.2,0.5\n3,6.8,2\n4,9.3,1\n");
        const opt::LeastSquares f(parse("a + b*x"), symbols({"a", "b"}), data, values(data, "y"), values(data, "w"));
        const opt::SearchResult r = opt::levenberg_marquardt(f, Eigen::Vector2d(1, 1), {});
        REQUIRE(r.converged);
        // The weighted normal equations, by hand.
        double s = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (std::size_t i = 0; i < data.rows(); ++i) {
            const double x = data.at(i, 0), y = data.at(i, 1), w = data.at(i, 2);
            s += w, sx += w * x, sy += w * y, sxx += w * x * x, sxy += w * x * y;
        }
        const double det = s * sxx - sx * sx;
        const double a = (sxx * sy - sx * sxy) / det, b = (s * sxy - sx * sy) / det;
        CHECK(r.x[0] == doctest::Approx(a).epsilon(1e-12));
        CHECK(r.x[1] == doctest::Approx(b).epsilon(1e-12));
        double ssr = 0, total = 0;
        for (std::size_t i = 0; i < data.rows(); ++i) {
            const double residual = data.at(i, 1) - a - b * data.at(i, 0);
            ssr += data.at(i, 2) * residual * residual;
            total += data.at(i, 2) * std::pow(data.at(i, 1) - sy / s, 2);
        }
        const double variance = ssr / 3;  // 5 rows, 2 parameters
        const opt::FitStatistics stats = opt::fit_statistics(f, r.x);
        CHECK(stats.sum_squared_residuals == doctest::Approx(ssr).epsilon(1e-10));
        CHECK(stats.residual_standard_deviation == doctest::Approx(std::sqrt(variance)).epsilon(1e-10));
        CHECK(stats.standard_errors[0] == doctest::Approx(std::sqrt(variance * sxx / det)).epsilon(1e-10));
        CHECK(stats.standard_errors[1] == doctest::Approx(std::sqrt(variance * s / det)).epsilon(1e-10));
        CHECK(stats.covariance(0, 1) == doctest::Approx(-variance * sx / det).epsilon(1e-10));
        CHECK(stats.r_squared == doctest::Approx(1 - ssr / total).epsilon(1e-12));
        // The weights change the answer: the unweighted fit is another line.
        const opt::LeastSquares plain(parse("a + b*x"), symbols({"a", "b"}), data, values(data, "y"));
        CHECK(std::abs(opt::levenberg_marquardt(plain, Eigen::Vector2d(1, 1), {}).x[0] - a) > 1e-3);
    }

    TEST_CASE("weights w are the unweighted fit of sqrt(w) model to sqrt(w) target") {
        const opt::Table data = table("t,y,s\n0,2.81,0.1\n0.5,2.06,0.2\n1,1.53,0.1\n1.5,1.17,0.3\n2,0.96,0.1\n"
                                      "2.5,0.74,0.2\n3,0.62,0.1\n4,0.45,0.4\n");
        const auto params = symbols({"a", "k", "c"});
        const opt::LeastSquares weighted(parse("a*exp(-k*t) + c"), params, data, values(data, "y"),
                                         values(data, "1/s^2"));
        const opt::LeastSquares scaled(parse("(a*exp(-k*t) + c)/s"), params, data, values(data, "y/s"));
        const Eigen::Vector3d p0(1, 1, 0);
        const opt::SearchResult rw = opt::levenberg_marquardt(weighted, p0, {});
        const opt::SearchResult rs = opt::levenberg_marquardt(scaled, p0, {});
        REQUIRE(rw.converged);
        REQUIRE(rs.converged);
        CHECK((rw.x - rs.x).norm() <= 1e-9 * rs.x.norm());
        const opt::FitStatistics w = opt::fit_statistics(weighted, rw.x), u = opt::fit_statistics(scaled, rs.x);
        CHECK(w.sum_squared_residuals == doctest::Approx(u.sum_squared_residuals).epsilon(1e-9));
        CHECK((w.covariance - u.covariance).norm() <= 1e-7 * u.covariance.norm());
        CHECK((w.standard_errors - u.standard_errors).norm() <= 1e-7 * u.standard_errors.norm());
        // The residuals are weighted; the model's values are not.
        CHECK((weighted.residuals(rw.x) - scaled.residuals(rs.x)).norm() <= 1e-7);
        CHECK((weighted.model_values(rw.x) - values(data, "y") - weighted.residuals(rw.x).cwiseProduct(values(data, "s")))
                  .norm() <= 1e-12);
    }

    TEST_CASE("a target expression; weights and targets out of range are errors that name the row") {
        const opt::Table data = table("x,y,w\n1,2,1\n2,4,0\n3,-1,1\n");
        CHECK(values(data, "2*x + y")[1] == 8);
        CHECK_THROWS_WITH_AS(values(data, "log(y)"),
                             doctest::Contains("--target at row 3 of the data: log(-1) is undefined"), nabla::DomainError);
        CHECK_THROWS_WITH_AS(values(data, "q + 1"), "--target: 'q' is not a column of the data (x, y, w)", nabla::Error);
        CHECK_THROWS_WITH_AS(opt::LeastSquares(parse("a*x"), symbols({"a"}), data, values(data, "y"), values(data, "w")),
                             "the weight at row 2 of the data is 0: weights must be finite numbers > 0", nabla::Error);
        CHECK_THROWS_AS(opt::LeastSquares(parse("a*x"), symbols({"a"}), data, Eigen::VectorXd::Ones(2)), nabla::Error);
    }

    TEST_CASE("Levenberg-Marquardt: an observer sees every iteration; Ctrl-C ends it with its best point") {
        const opt::Table data = table("t,y\n0,2.81\n0.5,2.06\n1,1.53\n1.5,1.17\n2,0.96\n2.5,0.74\n3,0.62\n4,0.45\n");
        const opt::LeastSquares f(parse("a*exp(-k*t) + c"), symbols({"a", "k", "c"}), data, values(data, "y"));
        opt::LeastSquaresOptions options;
        std::vector<double> objective;
        options.observer = [&](const opt::Iterate& it) {
            CHECK(it.iteration == static_cast<int>(objective.size()));
            objective.push_back(it.value);
        };
        const opt::SearchResult r = opt::levenberg_marquardt(f, Eigen::Vector3d(1, 1, 0), options);
        REQUIRE(r.converged);
        REQUIRE(objective.size() > 3);
        CHECK(objective.front() == doctest::Approx(f.residuals(Eigen::Vector3d(1, 1, 0)).squaredNorm() / 2));
        CHECK(objective.back() == doctest::Approx(r.value).epsilon(1e-9));
        options.observer = [](const opt::Iterate& it) {
            if (it.iteration == 2) nabla::core::request_cancel();
        };
        try {
            opt::levenberg_marquardt(f, Eigen::Vector3d(1, 1, 0), options);
            FAIL("not interrupted");
        } catch (const opt::Interrupted& e) {
            CHECK(e.best.stop == "interrupted");
            CHECK_FALSE(e.best.converged);
            CHECK(e.best.value == doctest::Approx(objective[2]));  // the point of iteration 2
            CHECK(e.best.value == doctest::Approx(f.residuals(e.best.x).squaredNorm() / 2));
        }
        nabla::core::clear_cancel();
    }
}

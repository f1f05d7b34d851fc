// test_cli.cpp — the nabla executable end to end: commands, formats, exit codes, error carets.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>

namespace {

struct Run {
    int status;
    std::string out, err;
};

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Runs `nabla ARGS` through the shell, with `input` on stdin.
Run nabla(const std::string& args, const std::string& input = "") {
    const std::string dir = std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp");
    const std::string base = dir + "/nabla_cli_test_" + std::to_string(::getpid());
    std::ofstream(base + ".in") << input;
    const std::string cmd = std::string(NABLA_BINARY) + " " + args + " < " + base + ".in > " + base + ".out 2> " + base + ".err";
    const int raw = std::system(cmd.c_str());
    Run r{WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, slurp(base + ".out"), slurp(base + ".err")};
    std::remove((base + ".in").c_str());
    std::remove((base + ".out").c_str());
    std::remove((base + ".err").c_str());
    return r;
}

}  // namespace

TEST_SUITE("cli") {
    TEST_CASE("CLI: diff, grad, jacobian, hessian, eval, simplify") {
        CHECK(nabla("diff 'x^2*sin(x)' x").out == "x^2*cos(x) + 2*x*sin(x)\n");
        CHECK(nabla("diff 'x^2*y^3' x y").out == "6*x*y^2\n");
        CHECK(nabla("grad 'x*y + y^2'").out == "y\nx + 2*y\n");
        CHECK(nabla("grad 'x*y + y^2' --vars y,x").out == "x + 2*y\ny\n");
        CHECK(nabla("jacobian 'x*y' 'x + y' --vars x,y").out == "[ y  x ]\n[ 1  1 ]\n");
        CHECK(nabla("hessian 'x^3 + y^3 - 3*x*y'").out == "[ 6*x  -3  ]\n[ -3   6*y ]\n");
        CHECK(nabla("eval 'x^2/3' x=1/2").out == "1/12\n");
        CHECK(nabla("eval 'x^2/3' x=1/2 --float").out == "0.08333333333333333\n");
        CHECK(nabla("eval 'sin(x)' x=1").out == "0.8414709848078965\n");
        CHECK(nabla("simplify 'x + 2x'").out == "3*x\n");
        CHECK(nabla("simplify -", "2*(x + 1) # a comment\n").out == "2*x + 2\n");
    }

    TEST_CASE("CLI: expand, together, cancel, factor, collect") {
        CHECK(nabla("expand '(x+1)^2 - x^2 - 2*x - 1'").out == "0\n");
        CHECK(nabla("expand '(a+b)^2 - (a-b)^2'").out == "4*a*b\n");
        CHECK(nabla("together '1/x + 1/y'").out == "(x + y)/(x*y)\n");
        CHECK(nabla("cancel '(x^3 - y^3)/(x - y)'").out == "x^2 + x*y + y^2\n");
        CHECK(nabla("factor 'x^2 - 1'").out == "(x - 1)*(x + 1)\n");
        CHECK(nabla("factor '-x^2 + 1'").out == "-((x - 1)*(x + 1))\n");  // a leading minus is a formula
        CHECK(nabla("collect 'a*x + b*x + c' x").out == "c + x*(a + b)\n");
        CHECK(nabla("collect '(x + y + 1)^2' x y").out == "x^2 + x*(2*y + 2) + y^2 + 2*y + 1\n");
        CHECK(nabla("collect '(x + 1)^2'").out == "x^2 + 2*x + 1\n");  // the only symbol
        CHECK(nabla("expand '(x+1)^2' --format latex").out == "x^{2} + 2 x + 1\n");
        // Errors: exit 1 with the limit named, or a caret; usage errors exit 2.
        const Run big = nabla("expand '(x+y)^1000'");
        CHECK(big.status == 1);
        CHECK(big.err.find("the power 1000 is more than 500") != std::string::npos);
        const Run terms = nabla("expand '(a+b+c+d)^60'");
        CHECK(terms.status == 1);
        CHECK(terms.err.find("more than 10000 terms") != std::string::npos);
        const Run several = nabla("collect 'a*x + b'");
        CHECK(several.status == 1);
        CHECK(several.err.find("collect needs the variables") != std::string::npos);
        CHECK(nabla("collect 'a*x' 2x").status == 1);
        CHECK(nabla("factor 'x^2 -'").status == 1);
        CHECK(nabla("cancel").status == 2);
    }

    TEST_CASE("CLI: formats") {
        CHECK(nabla("diff 'x^3' x --format latex").out == "3 x^{2}\n");
        CHECK(nabla("hessian 'x*y' --format latex").out == "\\begin{pmatrix}\n0 & 1 \\\\\n1 & 0 \\\\\n\\end{pmatrix}\n");
        CHECK(nabla("simplify 'x+1' --format json").out.find("\"op\":\"add\"") != std::string::npos);
        const Run cse = nabla("grad 'sin(x*y)^2' --format cse");
        CHECK(cse.status == 0);
        CHECK(cse.out.find("t1 = ") != std::string::npos);
    }

    TEST_CASE("CLI: --steps names the rules") {
        const Run r = nabla("diff 'x*sin(x)' x --steps");
        CHECK(r.status == 0);
        CHECK(r.out.find("product rule") != std::string::npos);
        CHECK(r.out.find("function rule for sin") != std::string::npos);
        CHECK(r.out.find("result: x*cos(x) + sin(x)") != std::string::npos);
        CHECK(nabla("diff 'sin(x^2)' x --steps --format latex").out.find("\\text{function rule for sin with the chain rule}") !=
              std::string::npos);
    }

    TEST_CASE("CLI: --steps by several variables, one derivation after the other") {
        // Each derivation under its heading; partials of a function of several variables use ∂.
        CHECK(nabla("diff 'x*y^2' x y --steps").out
              == "∂/∂x [x*y^2]:\n1. constant multiple rule: ∂/∂x[x*y^2] = y^2\nresult: y^2\n"
                 "d/dy [y^2]:\n1. power rule: d/dy[y^2] = 2*y\nresult: 2*y\n");
    }

    TEST_CASE("CLI: --steps for grad, jacobian and hessian, and in the batch") {
        CHECK(nabla("grad 'x*y^2' --steps").out
              == "∂/∂x [x*y^2]:\n1. constant multiple rule: ∂/∂x[x*y^2] = y^2\nresult: y^2\n"
                 "∂/∂y [x*y^2]:\n1. constant multiple rule: ∂/∂y[x*y^2] = ∂/∂y[y^2]*x = 2*x*y\n"
                 "2.   power rule: ∂/∂y[y^2] = 2*y\nresult: 2*x*y\n");
        CHECK(nabla("jacobian 'x*y' 'x + y' --steps").out.find("∂/∂y [x + y]:") != std::string::npos);
        CHECK(nabla("hessian 'x^2*y' --steps --format latex").out.find("\\frac{\\partial}{\\partial y}") != std::string::npos);
        const std::string answer = nabla("batch --jsonl", "{\"id\":1,\"op\":\"grad\",\"expr\":\"x*y\",\"steps\":true}\n").out;
        CHECK(answer.find("\"steps\":\"∂/∂x [x*y]:\\n1. constant multiple rule") != std::string::npos);
        CHECK(nabla("batch --jsonl", "{\"id\":1,\"op\":\"grad\",\"expr\":\"x\",\"steps\":1}\n").out.find("must be true or false")
              != std::string::npos);
    }

    TEST_CASE("CLI: --stats reports on stderr") {
        const Run r = nabla("grad 'x*y' --stats");
        CHECK(r.out == "y\nx\n");
        CHECK(r.err.find("DAG nodes") != std::string::npos);
    }

    TEST_CASE("CLI: EXPR from a file and from standard input") {
        const std::string path = std::string(NABLA_SOURCE_DIR) + "/bench/workloads/W1_rosenbrock_N10.txt";
        const Run r = nabla("grad @" + path + " --vars x1,x2");
        CHECK(r.status == 0);
        CHECK(r.out.find("2*x1 - 400*x1*(x2 - x1^2) - 2") != std::string::npos);
        CHECK(nabla("simplify @/nonexistent/file").status == 1);
    }

    TEST_CASE("CLI: plain-text batch differentiates one formula per line") {
        const Run r = nabla("diff --wrt x", "x^2\nsin(x)\n(\n\nexp(2x)\n");
        CHECK(r.out == "2*x\ncos(x)\n\n\n2*exp(2*x)\n");
        CHECK(r.status == 1);
        CHECK(r.err.find("line 3") != std::string::npos);
    }

    TEST_CASE("CLI: errors show the input with a caret, exit 1") {
        const Run r = nabla("simplify 'x*(y + 2'");
        CHECK(r.status == 1);
        CHECK(r.err.find("expected ')'") != std::string::npos);
        CHECK(r.err.find("  x*(y + 2\n          ^\n") != std::string::npos);
        const Run u = nabla("diff 'sni(x)' x");
        CHECK(u.status == 1);
        CHECK(u.err.find("did you mean 'sin'") != std::string::npos);
        CHECK(nabla("diff 'x^3' 3").status == 1);
        CHECK(nabla("eval 'log(x)' x=0").status == 1);
    }

    TEST_CASE("CLI: usage errors exit 2; --help and --version exit 0") {
        CHECK(nabla("frobnicate").status == 2);
        CHECK(nabla("grad").status == 2);
        CHECK(nabla("eval x x").status == 2);
        CHECK(nabla("simplify x --format nope").status == 2);
        const Run v = nabla("--version");
        CHECK(v.status == 0);
        CHECK(v.out.rfind("nabla ", 0) == 0);
        CHECK(nabla("--help").out.find("hessian") != std::string::npos);
    }

    TEST_CASE("CLI: a misspelt command or option is named with the nearest known one, exit 2") {
        const Run spelt_out = nabla("gradient 'x^2'");
        CHECK(spelt_out.status == 2);
        CHECK(spelt_out.err.rfind("nabla: unknown command 'gradient'; did you mean 'grad'?\n", 0) == 0);
        CHECK(nabla("hess 'x*y'").err.find("did you mean 'hessian'?") != std::string::npos);
        CHECK(nabla("simplfy x").err.find("did you mean 'simplify'?") != std::string::npos);
        const Run unknown = nabla("frobnicate");
        CHECK(unknown.err.find("unknown command 'frobnicate'\n") != std::string::npos);  // no far-fetched guess
        CHECK(unknown.err.find("nabla --help") != std::string::npos);
        const Run option = nabla("diff 'x^2' x --formt latex");
        CHECK(option.status == 2);
        CHECK(option.err.rfind("nabla diff: unknown option '--formt'; did you mean '--format'?\n", 0) == 0);
        CHECK(nabla("eval x x=1 --flaot").err.find("did you mean '--float'?") != std::string::npos);
        CHECK(nabla("grad 'x*y' --var x,y").err.find("did you mean '--vars'?") != std::string::npos);
        CHECK(nabla("--verison").err.find("did you mean '--version'?") != std::string::npos);
        // An option of another command is unknown here, and a formula is not an option.
        CHECK(nabla("simplify 'x*y' --steps").err.find("unknown option '--steps'") != std::string::npos);
        CHECK(nabla("simplify '--x'").status == 2);
        CHECK(nabla("simplify -x").out == "-x\n");
    }

    TEST_CASE("CLI: optimise is optimize") {
        const Run r = nabla("optimise '(x - 1)^2' --format json");
        CHECK(r.status == 0);
        CHECK(r.out == nabla("optimize '(x - 1)^2' --format json").out);
        CHECK(nabla("optimise --help").out.find("Examples:") != std::string::npos);
    }

    TEST_CASE("CLI: usage errors exit 2 in every command") {
        const char* usage[] = {"diff", "grad", "jacobian", "hessian", "eval", "simplify", "expand", "together",
                               "cancel", "factor", "collect", "batch", "codegen", "optimize", "fit 'a*t'",
                               "grad x extra", "eval x x", "eval x =1", "diff x x --format nope",
                               "batch --jsonl --timeout -1", "codegen x --gradient nope", "optimize x^2 --method nope",
                               "optimize x^2 --max-iter many", "fit 'a*t' --data d.csv --sep x", "diff x --wrt"};
        for (const char* args : usage) {
            CAPTURE(args);
            const Run r = nabla(args);
            CHECK(r.status == 2);
            CHECK(r.err.find("--help' shows the usage") != std::string::npos);
        }
        // A user error, in what the arguments say rather than how they are given, is exit 1.
        CHECK(nabla("eval 'log(x)' x=0").status == 1);
        CHECK(nabla("grad 'x*(y' --vars x").status == 1);
        CHECK(nabla("fit 'a*t' --data /nonexistent.csv").status == 1);
    }

    TEST_CASE("CLI: a name given twice is a usage error; diff x x differentiates twice") {
        const Run eval = nabla("eval 'x+y' x=1 x=2");
        CHECK(eval.status == 2);
        CHECK(eval.err.rfind("nabla eval: 'x' is given twice\n", 0) == 0);
        for (const char* cmd : {"grad 'x*y'", "hessian 'x*y'", "jacobian 'x*y' 'x'", "codegen 'x*y'"}) {
            CAPTURE(cmd);
            const Run r = nabla(std::string(cmd) + " --vars x,y,x");
            CHECK(r.status == 2);
            CHECK(r.err.find("'x' is given twice in --vars") != std::string::npos);
        }
        CHECK(nabla("codegen 'a*x' --params a,a").err.find("'a' is given twice in --params") != std::string::npos);
        const Run twice = nabla("diff 'x^3' x x");
        CHECK(twice.status == 0);
        CHECK(twice.out == "6*x\n");
    }

    TEST_CASE("CLI: each command's --help shows its own examples") {
        const char* commands[] = {"diff", "grad", "jacobian", "hessian", "eval", "simplify", "expand", "together",
                                  "cancel", "factor", "collect", "batch", "codegen", "optimize", "fit"};
        for (const char* cmd : commands) {
            CAPTURE(cmd);
            const Run r = nabla(std::string(cmd) + " --help");
            CHECK(r.status == 0);
            const std::size_t at = r.out.find("Examples:\n  nabla " + std::string(cmd));
            const std::size_t piped = r.out.find("| nabla " + std::string(cmd));
            CHECK((at != std::string::npos || piped != std::string::npos));
        }
        // The examples run as shown.
        CHECK(nabla("grad 'x*y + y^2' --vars y,x").out == "x + 2*y\ny\n");
        CHECK(nabla("jacobian 'r*cos(t)' 'r*sin(t)' --vars r,t").out == "[ cos(t)  -r*sin(t) ]\n[ sin(t)  r*cos(t)  ]\n");
        CHECK(nabla("eval 'sin(x)' x=pi/6").out == "1/2\n");
        CHECK(nabla("factor 'x^4 - 1'").out == "(x - 1)*(x^2 + 1)*(x + 1)\n");
    }

    TEST_CASE("CLI: eval --digits") {
        CHECK(nabla("eval '577/408 - sqrt(2)' --digits 30").out == "2.12390141475511987990324128231e-6\n");
        CHECK(nabla("eval 'pi' --digits 50").out == "3.1415926535897932384626433832795028841971693993751\n");
        CHECK(nabla("eval 'x^2' x=1/3 --digits 10").out == "0.1111111111\n");
        CHECK(nabla("eval 'sin(x)' x=pi/6 --digits 3").out == "0.500\n");
        CHECK(nabla("eval 'pi/1e7' --digits 3 --format latex").out == "3.14 \\times 10^{-7}\n");
        CHECK(nabla("eval 'pi/1e7' --digits 3 --format json").out == "3.14e-7\n");
        const Run domain = nabla("eval 'log(x)' x=1-pi --digits 10");
        CHECK(domain.status == 1);
        CHECK(domain.err.find("log of a negative number") != std::string::npos);
        CHECK(nabla("eval 'x + y' x=1 --digits 5").err.find("no value for 'y'") != std::string::npos);
        for (const char* bad : {"--digits 0", "--digits 10001", "--digits many", "--digits 5 --float"}) {
            CAPTURE(bad);
            CHECK(nabla(std::string("eval pi ") + bad).status == 2);
        }
    }

    TEST_CASE("CLI: batch --jsonl answers every line") {
        const Run r = nabla("batch --jsonl", "{\"id\":1,\"op\":\"diff\",\"expr\":\"x^2\",\"vars\":[\"x\"]}\nnope\n");
        CHECK(r.status == 0);
        CHECK(r.out == "{\"id\":1,\"ok\":true,\"result\":\"2*x\"}\n{\"id\":null,\"ok\":false,\"error\":"
                       "{\"message\":\"not valid JSON: [json.exception.parse_error.101] parse error at line 1, column 2: "
                       "syntax error while parsing value - invalid literal; last read: 'no'\",\"position\":null}}\n");
    }
    TEST_CASE("CLI: codegen --params") {
        const Run r = nabla("codegen 'a*x^2 + b*y' --params a,b --batch");
        CHECK(r.status == 0);
        CHECK(r.out.find("// x[i] for i = 0, 1, ...: x y\n// p[k] for k = 0, 1, ...: a b\n")
              != std::string::npos);
        CHECK(r.out.find("double f(const double* x, const double* p) {") != std::string::npos);
        CHECK(r.out.find("double f_grad(const double* x, const double* p, double* g) {") != std::string::npos);
        CHECK(r.out.find("void f_grad_batch(std::size_t m, const double* __restrict X, "
                         "const double* __restrict p, double* __restrict F, double* __restrict G) {")
              != std::string::npos);
        const Run ordered = nabla("codegen 'a*x^2 + b*y' --vars y,x --params b,a");
        CHECK(ordered.out.find("// x[i] for i = 0, 1, ...: y x\n// p[k] for k = 0, 1, ...: b a\n")
              != std::string::npos);
        const Run both = nabla("codegen 'a*x' --vars x,a --params a");
        CHECK(both.status == 2);
        CHECK(both.err.rfind("nabla codegen: 'a' is in both --vars and --params\n", 0) == 0);
        const Run rest = nabla("codegen 'a*x + b' --params a");  // the variables: all names but a
        CHECK(rest.out.find("// x[i] for i = 0, 1, ...: b x\n") != std::string::npos);
        const Run neither = nabla("codegen 'a*x + b' --vars x --params a");
        CHECK(neither.status == 1);
        CHECK(neither.err.find("'b' is neither a variable (--vars) nor a parameter (--params)")
              != std::string::npos);
        CHECK(nabla("codegen 'a*x' --params 2a").status == 1);
    }

    TEST_CASE("CLI: optimize") {
        const Run text = nabla("optimize '(x - 1)^2 + (y + 2)^2' --x0 x=5");
        CHECK(text.status == 0);
        CHECK(text.out.find("minimum ") == 0);
        CHECK(text.out.find(" at\n  x = 1\n  y = -2\n") != std::string::npos);
        CHECK(text.out.find("converged: gradient norm") != std::string::npos);
        const Run json = nabla("optimize 'x^4 - 2*x^2 + y^2' --vars x,y --x0 0.5,1 --method newton --format json");
        CHECK(json.out.find("{\"ok\":true,\"method\":\"newton\",\"converged\":true") == 0);
        CHECK(json.out.find("\"value\":-1.0,\"x\":{\"x\":1.0") != std::string::npos);
        const Run limited = nabla("optimize '(1-x)^2 + 100*(y-x^2)^2' --x0 -1.2,1 --method gd --max-iter 5");
        CHECK(limited.status == 3);  // not converged: the best point, and a status that says so
        CHECK(limited.out.find("best value found ") == 0);  // not "minimum": it is not one
        CHECK(limited.out.find(" at\n  x = ") != std::string::npos);
        CHECK(limited.out.find("not converged: iteration limit (5)") != std::string::npos);
        const Run limited_json = nabla("optimize '(1-x)^2 + 100*(y-x^2)^2' --x0 -1.2,1 --max-iter 2 --format json");
        CHECK(limited_json.status == 3);
        CHECK(limited_json.out.find("\"converged\":false") != std::string::npos);
        CHECK(limited_json.out.find("\"x\":{\"x\":") != std::string::npos);
        const Run domain = nabla("optimize 'x - log(x)' --x0 x=-1");
        CHECK(domain.status == 1);
        CHECK(domain.err.find("at the starting point: log(-1)") != std::string::npos);
        CHECK(nabla("optimize 'x*y' --x0 z=1").err.find("--x0: 'z' is not one of the variables (x, y)") != std::string::npos);
        CHECK(nabla("optimize 'x*y' --x0 1,2,3").status == 1);
        CHECK(nabla("optimize 'x*y' --x0 x=1,2").status == 1);
        CHECK(nabla("optimize 'x^2' --method simplex").status == 2);
    }

    TEST_CASE("CLI: optimize --jit compiles the function first") {
        if (std::system("c++ --version > /dev/null 2>&1") != 0) return;  // no compiler here
        const std::string cache = std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp") + "/nabla-test-cache";
        ::setenv("NABLA_CACHE_DIR", cache.c_str(), 1);
        const Run r = nabla("optimize '(x - 1)^2 + (y + 2)^4 + exp(x*y)' --jit --method newton --format json");
        CHECK(r.status == 0);
        const Run reference = nabla("optimize '(x - 1)^2 + (y + 2)^4 + exp(x*y)' --method newton --format json");
        CHECK(r.out.find("\"converged\":true") != std::string::npos);
        // The same run: generated code and the interpreter round differently in the last bits.
        const auto value = [](const std::string& out) { return std::stod(out.substr(out.find("\"value\":") + 8)); };
        CHECK(r.out.substr(0, r.out.find("\"value\"")) == reference.out.substr(0, reference.out.find("\"value\"")));
        CHECK(value(r.out) == doctest::Approx(value(reference.out)).epsilon(1e-13));
    }

    TEST_CASE("CLI: fit") {
        const std::string dir = std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp";
        const std::string csv = dir + "/nabla_fit_test_" + std::to_string(::getpid()) + ".csv";
        std::ofstream(csv) << "x,y\n0,1\n1,3\n2,5\n3,7\n";
        const Run text = nabla("fit 'a*x + b' --data " + csv + " --tol 1e-12");
        CHECK(text.status == 0);
        CHECK(text.out.find("fit to 4 rows: sum of squared residuals ") == 0);
        CHECK(text.out.find("(2 degrees of freedom), R^2 1\n") != std::string::npos);
        CHECK(text.out.find("\n  a = 2                    standard error ") != std::string::npos);
        CHECK(text.out.find("\n  b = 1                    standard error ") != std::string::npos);
        CHECK(text.out.find("\nconverged: ") != std::string::npos);
        CHECK(text.out.find("(lm, ") != std::string::npos);
        const Run json = nabla("fit 'a*x + b' --data " + csv + " --params b,a --x0 b=0 --method newton --format json");
        CHECK(json.out.find("\"params\":{\"b\":1.0") != std::string::npos);
        CHECK(json.out.find("\"rows\":4,") != std::string::npos);
        // The data determine a*b only: a fit of a and b separately cannot converge.
        const Run unidentifiable = nabla("fit 'a*b*x' --data " + csv);
        CHECK(unidentifiable.status == 3);
        CHECK(unidentifiable.out.find("not converged: the data do not determine the parameters (the Jacobian has rank 1 "
                                      "for 2 parameters)") != std::string::npos);
        // Stopped by a limit: the best point so far, its statistics, and exit 3, in both formats.
        const Run limited = nabla("fit 'a*x + b' --data " + csv + " --method gd --max-iter 3");
        CHECK(limited.status == 3);
        CHECK(limited.out.find("fit to 4 rows: ") == 0);
        CHECK(limited.out.find("\n  a = ") != std::string::npos);
        CHECK(limited.out.find("\nnot converged: iteration limit (3) (gd, ") != std::string::npos);
        const Run limited_json = nabla("fit 'a*x + b' --data " + csv + " --max-iter 2 --format json");
        CHECK(limited_json.status == 3);
        CHECK(limited_json.out.find("{\"ok\":true,\"method\":\"lm\",\"converged\":false,") == 0);
        CHECK(limited_json.out.find("\"params\":{\"a\":") != std::string::npos);
        std::ofstream(csv) << "x,y\n0,1\n1,oops\n";
        const Run bad = nabla("fit 'a*x' --data " + csv);
        CHECK(bad.status == 1);
        CHECK(bad.err.find(":3:3: 'oops' is not a finite number") != std::string::npos);
        CHECK(nabla("fit 'a*x' --data /nonexistent.csv").status == 1);
        CHECK(nabla("fit 'a*x'").status == 2);
        std::remove(csv.c_str());
    }

    TEST_CASE("CLI: fit reads CSV as spreadsheets write it, from a file or standard input") {
        const std::string excel = "\xEF\xBB\xBF\"x\";\"y\"\r\n0;1\r\n1;3\r\n2;5\r\n3;7\r\n;\r\n";
        const Run detected = nabla("fit 'a*x + b' --data - --format json", excel);
        CHECK(detected.status == 0);
        CHECK(detected.out.find("\"rows\":4,") != std::string::npos);
        CHECK(nabla("fit 'a*x + b' --data - --sep ';'", excel).status == 0);
        const Run wrong_sep = nabla("fit 'a*x + b' --data - --sep ,", excel);
        CHECK(wrong_sep.status == 1);
        CHECK(wrong_sep.err.find("<stdin>:1:4: text after a quoted field (expected the separator ',')") != std::string::npos);
        const Run comma = nabla("fit 'a*x + b' --data - --sep ';'", "x;y\n0;1\n1;2,5\n");
        CHECK(comma.status == 1);
        CHECK(comma.err.find("<stdin>:3:3: '2,5' is not a finite number (write decimals with '.', not ',')")
              != std::string::npos);
        const Run tabs = nabla("fit 'a*x' --data - --sep tab", "x\ty\n1\t2\n2\t4\n");
        CHECK(tabs.status == 0);
        CHECK(tabs.out.find("  a = 2 ") != std::string::npos);
        const Run both = nabla("fit - --data -", "a*x");
        CHECK(both.status == 1);
        CHECK(both.err.find("the model and the data cannot both come from standard input") != std::string::npos);
        CHECK(nabla("fit 'a*x' --data - --sep x", "x,y\n1,2\n").status == 2);
    }

    TEST_CASE("CLI: fit catches misspelt columns; unused columns are a warning") {
        const std::string data = "time,y,temp\n0,1,20\n1,3,20\n2,5,21\n3,7.1,20\n";
        // A name that is not a column and not shaped like a parameter is most likely a typo.
        const Run typo = nabla("fit 'a*tmie + b' --data -", data);
        CHECK(typo.status == 1);
        CHECK(typo.err.find("'tmie' is neither a column of the data (time, y, temp) nor a parameter: name it in "
                            "--params or --x0 if it is one")
              != std::string::npos);
        // Declared through --params or --x0, a longer name is a parameter.
        CHECK(nabla("fit 'slope*time + b' --data - --params slope,b", data).status == 0);
        CHECK(nabla("fit 'slope*time + b' --data - --x0 slope=1", data).status == 0);
        CHECK(nabla("fit 'alpha*time + b1' --data -", data).status == 0);  // Greek letters and b1 are parameter-shaped
        const Run not_in_model = nabla("fit 'a*time + b' --data - --params a,b,c", data);
        CHECK(not_in_model.status == 1);
        CHECK(not_in_model.err.find("--params: 'c' is not a name in the model") != std::string::npos);
        const Run unused = nabla("fit 'a*time + b' --data -", data);
        CHECK(unused.status == 0);
        CHECK(unused.err == "nabla: warning: column 3 of the data, 'temp', is not used by the model\n");
        CHECK(nabla("fit 'a*time + b + c*temp' --data -", data).err.empty());
        const Run constant = nabla("fit 'a*x' --data -", "x,pi,y\n1,2,3\n");
        CHECK(constant.status == 1);
        CHECK(constant.err.find("<stdin>:1:3: column 2 is named 'pi', the constant pi in a model: rename it")
              != std::string::npos);
    }

    TEST_CASE("CLI: fit --fix holds parameters at exact values") {
        const std::string data = "x,y\n0,1\n1,3\n2,5\n3,7.2\n";
        const Run fixed = nabla("fit 'a*x + b' --data - --fix b=1 --format json", data);
        CHECK(fixed.status == 0);
        CHECK(fixed.out.find("\"params\":{\"a\":") != std::string::npos);
        CHECK(fixed.out.find("\"fixed\":{\"b\":1.0}") != std::string::npos);
        CHECK(fixed.out.find("\"degrees_of_freedom\":3,") != std::string::npos);
        const Run text = nabla("fit 'a*x + b' --data - --fix b=1/2", data);
        CHECK(text.out.find("\n  b = 0.5 (fixed)\n") != std::string::npos);
        CHECK(nabla("fit 'a*x + b' --data - --fix x=1", data).err.find("--fix: 'x' is a column of the data")
              != std::string::npos);
        CHECK(nabla("fit 'a*x + b' --data - --fix c=1", data).err.find("--fix: 'c' is not a name in the model")
              != std::string::npos);
        CHECK(nabla("fit 'a*x + b' --data - --fix b=a", data).err.find("--fix: the value of b ('a'): not a constant")
              != std::string::npos);
        CHECK(nabla("fit 'a*x + b' --data - --fix b", data).err.find("--fix: 'b' is not name=value")
              != std::string::npos);
        CHECK(nabla("fit 'a*x + b' --data - --fix a=1,b=2", data).err.find("the model has no parameters")
              != std::string::npos);
    }
    TEST_CASE("CLI: fit --target EXPR, --weights and --sigma") {
        const std::string data = "x,y,s\n0,1.1,0.1\n1,2.9,0.2\n2,5.2,0.1\n3,6.8,0.3\n4,9.3,0.1\n";
        const Run sigma = nabla("fit 'a + b*x' --data - --sigma s", data);
        CHECK(sigma.status == 0);
        CHECK(sigma.err.empty());  // the sigma column is used
        CHECK(sigma.out.find("fit to 5 rows: weighted sum of squared residuals ") == 0);
        const Run weights = nabla("fit 'a + b*x' --data - --weights '1/s^2'", data);
        CHECK(weights.out == sigma.out);
        CHECK(nabla("fit 'a + b*x' --data - --weights s --format json", data).out.find("\"weighted\":true,")
              != std::string::npos);
        CHECK(nabla("fit 'a + b*x' --data - --weights s --sigma s", data).status == 2);
        const Run zero = nabla("fit 'a + b*x' --data - --weights 's - 0.1'", data);
        CHECK(zero.status == 1);
        CHECK(zero.err == "nabla: error: the weight at row 1 of the data is 0: weights must be finite numbers > 0\n");
        CHECK(nabla("fit 'a + b*x' --data - --sigma '-s'", data).err
              == "nabla: error: --sigma at row 1 of the data is -0.1: a standard deviation must be > 0\n");
        // log(y) as the target is the fit to a column holding log(y).
        const Run log = nabla("fit 'c + b*x' --data - --target 'log(y)'", "x,y\n0,2.02\n1,3.2645\n2,5.4909\n3,8.8727\n");
        CHECK(log.status == 0);
        CHECK(log.out.find("  b = 0.4") != std::string::npos);
        const Run column = nabla("fit 'c + b*x' --data - --target ly",
                                 "x,ly\n0,0.7030975114131134\n1,1.183106611644551\n2,1.7030921765118892\n"
                                 "3,2.1829791468454602\n");
        CHECK(column.out == log.out);
        const Run caret = nabla("fit 'a*x' --data - --target 'log(y'", data);
        CHECK(caret.status == 1);
        CHECK(caret.err.find("error at column 6: --target: ") == 7);
        CHECK(caret.err.find("\n  log(y\n       ^\n") != std::string::npos);
        CHECK(nabla("fit 'a*x' --data - --target 'log(q)'", data).err
              == "nabla: error: --target: 'q' is not a column of the data (x, y, s)\n");
        CHECK(nabla("fit 'a*x' --data - --target 'log(y - 2)'", data).err.find("--target at row 1 of the data: log(")
              != std::string::npos);
    }
    TEST_CASE("CLI: fit --residuals writes the fit row by row; a write error is exit 1") {
        const std::string dir = std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp";
        const std::string file = dir + "/nabla_residuals_test_" + std::to_string(::getpid()) + ".csv";
        const std::string data = "x,y,s,unused\n0,1,0.5,9\n1,3,0.5,9\n2,5.5,1,9\n";
        const Run plain = nabla("fit 'a*x + b' --data - --residuals " + file, data);
        CHECK(plain.status == 0);
        std::istringstream lines(slurp(file));
        std::string header, first;
        std::getline(lines, header);
        std::getline(lines, first);
        CHECK(header == "x,observed,fitted,residual");
        CHECK(first.find("0,1,") == 0);
        int rows = 1;
        for (std::string line; std::getline(lines, line);) ++rows;
        CHECK(rows == 3);
        // Weighted: the weight is the last column, and the fitted values read back exactly.
        CHECK(nabla("fit 'a*x + b' --data - --sigma s --residuals " + file, data).status == 0);
        const std::string weighted = slurp(file);
        CHECK(weighted.find("x,observed,fitted,residual,weight\n0,1,") == 0);
        CHECK(weighted.find(",4\n1,3,") != std::string::npos);  // 1/0.5^2
        const Run check = nabla("fit 'c*fitted' --data " + file + " --target observed --weights weight --tol 1e-15");
        CHECK(check.out.find("  c = 1  ") != std::string::npos);
        std::remove(file.c_str());
        const Run full = nabla("fit 'a*x + b' --data - --residuals /dev/full", data);
        CHECK(full.status == 1);
        CHECK(full.out.empty());
        CHECK(full.err.find("nabla: error: cannot write the residuals file '/dev/full': No space left on device\n")
              != std::string::npos);
        const Run missing = nabla("fit 'a*x + b' --data - --residuals /nonexistent/r.csv", data);
        CHECK(missing.status == 1);
        CHECK(missing.err.find("cannot write the residuals file '/nonexistent/r.csv': No such file or directory")
              != std::string::npos);
    }
    TEST_CASE("CLI: --trace writes every iteration; a write error is exit 1") {
        const std::string dir = std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp";
        const std::string trace = dir + "/nabla_trace_test_" + std::to_string(::getpid()) + ".csv";
        const Run lbfgs = nabla("optimize '(1 - x)^2 + 100*(y - x^2)^2' --x0 x=-1.2,y=1 --trace " + trace);
        CHECK(lbfgs.status == 0);
        CHECK(lbfgs.err.empty());  // not a terminal: no progress line
        std::istringstream rows(slurp(trace));
        std::string line;
        std::getline(rows, line);
        CHECK(line == "iteration,objective,gradient_norm,step,x,y");
        std::getline(rows, line);
        CHECK(line.find("0,24.19999999999999") == 0);  // the start
        CHECK(line.find(",0,-1.2,1") != std::string::npos);
        int last = 0;
        while (std::getline(rows, line)) last = std::stoi(line);
        CHECK(last == 42);  // one row per iteration: lbfgs, 42 iterations
        const Run fit = nabla("fit 'a*x + b' --data - --trace " + trace + " --format json", "x,y\n0,1\n1,3.1\n2,4.9\n");
        CHECK(fit.status == 0);
        CHECK(slurp(trace).find("iteration,objective,gradient_norm,step,a,b\n0,") == 0);
        std::remove(trace.c_str());
        const Run full = nabla("optimize 'x^2' --x0 1 --trace /dev/full");
        CHECK(full.status == 1);
        CHECK(full.out.empty());
        CHECK(full.err == "nabla: error: cannot write the trace file '/dev/full': No space left on device\n");
        CHECK(nabla("fit 'a*x' --data - --trace /nonexistent/t.csv", "x,y\n1,2\n").err.find(
                  "cannot write the trace file '/nonexistent/t.csv': No such file or directory") != std::string::npos);
        // --quiet silences warnings too.
        CHECK(nabla("fit 'a*x' --data - --quiet", "x,y,z\n1,2,0\n2,4,0\n").err.empty());
    }

    TEST_CASE("CLI: Ctrl-C stops a search and prints its best point, exit 130") {
        const std::string dir = std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp";
        const std::string base = dir + "/nabla_interrupt_test_" + std::to_string(::getpid());
        {
            std::ofstream data(base + ".csv");
            data << "t,y\n";
            for (int i = 0; i < 20000; ++i) data << i * 0.001 << "," << 2.5 * std::exp(-0.0007 * i) + 0.3 << "\n";
        }
        for (const char* method : {"gd", "newton"}) {  // lm ends too soon; test_opt interrupts it
            CAPTURE(method);
            // A search far too long to end by itself; SIGINT once the trace shows it under way.
            std::remove((base + ".trace").c_str());
            const std::string command = std::string(NABLA_BINARY) + " fit 'a*exp(-k*t) + c' --data " + base
                                        + ".csv --method " + method + " --max-iter 10000000 --tol 1e-300 --trace "
                                        + base + ".trace --format json > " + base + ".out 2> " + base + ".err & pid=$!; "
                                        + "for i in $(seq 400); do [ \"$(wc -l < " + base
                                        + ".trace 2>/dev/null || echo 0)\" -gt 3 ] && break; sleep 0.05; done; "
                                        + "kill -INT $pid; wait $pid; echo $? > " + base + ".status";
            std::system(command.c_str());
            CHECK(slurp(base + ".status") == "130\n");
            const std::string out = slurp(base + ".out");
            CHECK(out.find("{\"ok\":true,\"method\":\"") == 0);
            CHECK(out.find("\"converged\":false,\"stop\":\"interrupted\",\"params\":{\"a\":") != std::string::npos);
            CHECK(out.find("\"standard_errors\":{\"a\":") != std::string::npos);
            CHECK(slurp(base + ".err").empty());
        }
        // On a terminal (util-linux `script` gives one) a progress line is drawn on stderr and
        // erased before the report; --quiet draws none.
        if (std::system("command -v script > /dev/null") == 0) {
            const std::string run = "fit 'a*exp(-k*t) + c' --data " + base + ".csv --method gd --max-iter 60000";
            const std::string shown = base + ".tty";
            std::system(("script -qc \"" + std::string(NABLA_BINARY) + " " + run + " 2>&1\" /dev/null > " + shown).c_str());
            const std::string terminal = slurp(shown);
            const std::size_t line = terminal.rfind("\r\033[Kiteration ");
            CHECK(line != std::string::npos);
            CHECK(terminal.find("\r\033[Kfit to 20000 rows: ", line) != std::string::npos);
            std::system(("script -qc \"" + std::string(NABLA_BINARY) + " " + run + " --quiet 2>&1\" /dev/null > " + shown)
                            .c_str());
            CHECK(slurp(shown).find("\033[K") == std::string::npos);
            std::remove(shown.c_str());
        }
        for (const char* suffix : {".csv", ".trace", ".out", ".err", ".status"}) std::remove((base + suffix).c_str());
    }
}

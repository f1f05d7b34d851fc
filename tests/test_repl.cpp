// test_repl.cpp — the REPL: statement splitting, expansion of definitions, sessions, and the
// scripts in tests/repl/*.nb run through the nabla binary against their *.expect transcripts.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>

#include "core/error.hpp"
#include "core/expr.hpp"
#include "frontend/repl/canvas.hpp"
#include "frontend/repl/command_args.hpp"
#include "frontend/repl/completion.hpp"
#include "frontend/repl/syntax.hpp"
#include "frontend/repl/session.hpp"
#include "frontend/repl/statement.hpp"
#include "frontend/repl/worker.hpp"

namespace {

using namespace nabla::repl;
namespace fs = std::filesystem;

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The character position of an error thrown by f, or -1.
template <class F>
long error_position(F&& f) {
    try {
        f();
    } catch (const nabla::Error& e) {
        return e.position() ? static_cast<long>(*e.position()) : -1;
    }
    FAIL("no error");
    return -2;
}

// Runs statements one after another; returns the output of the last, or its error.
std::string run_all(Session& s, std::initializer_list<std::string_view> statements) {
    Reply r;
    for (std::string_view text : statements) r = s.execute(text);
    return r.ok ? r.out : r.err;
}

// The arguments as written, separated by '|'.
std::string words(std::string_view statement, std::span<const ast::Argument> args) {
    std::string out;
    for (const ast::Argument& a : args) {
        if (&a != &args.front()) out += '|';
        out += text_of(statement, a);
    }
    return out;
}

}  // namespace

TEST_SUITE("repl") {
    TEST_CASE("Syntax: open brackets continue a statement; comments do not count") {
        CHECK(open_brackets("f(x, [y") == 2);
        CHECK(open_brackets("f(x) # (") == 0);
        CHECK(open_brackets("x)") == -1);
    }

    TEST_CASE("Statement: each kind recognised") {
        using Kind = Statement::Kind;
        CHECK(parse_statement("   # only a comment").kind == Kind::Empty);
        const Statement cmd = parse_statement(":diff x^2, x");
        CHECK(cmd.kind == Kind::Command);
        CHECK(cmd.name == "diff");
        CHECK(cmd.command_text() == "x^2, x");
        const Statement var = parse_statement("a = x + 1");
        CHECK(var.kind == Kind::Definition);
        CHECK(var.name == "a");
        CHECK(var.definition().params.empty());
        const Statement fn = parse_statement("f(x, y) = x^2*y");
        CHECK(fn.kind == Kind::Definition);
        CHECK(fn.definition().params.size() == 2);
        CHECK(fn.definition().params[1].name == "y");
        const Statement call = parse_statement("grad(f, [x, y])");
        CHECK(call.kind == Kind::Call);
        CHECK(words(call.text, call.call().args) == "f|[x, y]");
        // A binding is an argument of its own, never a factor: f and two values.
        const Statement eval = parse_statement("eval(f x, x = 1, y=2)");
        CHECK(words(eval.text, eval.call().args) == "f x|x = 1|y=2");
        CHECK(parse_statement("[x, y^2]").kind == Kind::List);
        // A call that does not fill the statement is part of an expression.
        CHECK(parse_statement("diff(x^2, x) + 1").kind == Kind::Expression);
        CHECK(parse_statement("sin(x)").kind == Kind::Expression);
        CHECK(parse_statement("[x] + [y]").kind == Kind::Expression);
    }

    TEST_CASE("Statement: malformed definitions are errors at their place") {
        CHECK(error_position([] { parse_statement("1 = x"); }) == 0);
        CHECK(error_position([] { parse_statement("f(x, x) = 1"); }) == 5);
        CHECK(error_position([] { parse_statement("f(x,) = 1"); }) == 4);
        CHECK(error_position([] { parse_statement("f() = 1"); }) == 2);
        CHECK(error_position([] { parse_statement("f(2) = 1"); }) == 2);
        CHECK(error_position([] { parse_statement("sin = 1"); }) == 0);
        CHECK(error_position([] { parse_statement("ans = 1"); }) == 0);
        CHECK(error_position([] { parse_statement("a = "); }) == 4);
    }

    TEST_CASE("Session: definitions are substituted as expressions, not pasted as text") {
        Session s;
        CHECK(run_all(s, {"a = x + 1", "2a"}) == "[1] 2*x + 2\n");
        CHECK(run_all(s, {"f(x, y) = x^2*y + sin(x)", "f(1, t)"}) == "[2] t + sin(1)\n");
        CHECK(s.execute("f(y, x)").out == "[3] x*y^2 + sin(y)\n");  // simultaneous, no capture
        CHECK(s.execute("f(x)(y)").err.find("f takes 2 arguments") != std::string::npos);
        CHECK(run_all(s, {"g(t) = f(t, 1)", "g(0)"}) == "[4] 0\n");
        CHECK(run_all(s, {"k = 5", "h(k) = k^2", "h(3)"}) == "[5] 9\n");  // parameters shadow
        CHECK(s.names() == std::vector<std::string>{"a", "f", "g", "h", "k"});
        CHECK(s.completion_words() == std::vector<std::string>{"a", "f(", "g(", "h(", "k"});
    }

    TEST_CASE("Session: Ctrl-C stops a statement, through expansion's fallbacks, and keeps nothing") {
        Session s;
        nabla::core::request_cancel();
        const Reply r = s.execute("diff(sin(x)^5*exp(x), x)");
        nabla::core::clear_cancel();
        CHECK_FALSE(r.ok);
        CHECK(r.err == "interrupted\n");
        CHECK(s.execute("x^2").out == "[1] x^2\n");  // the interrupted statement made no result
    }

    TEST_CASE("Session: results are numbered and reusable as %N and ans") {
        Session s;
        CHECK(s.execute("x^2").out == "[1] x^2\n");
        CHECK(s.execute("%1 + ans").out == "[2] 2*x^2\n");
        CHECK(s.execute("grad(x*y)").out == "[3] [y, x]\n");
        CHECK(s.execute("ans + 1").err.find("result [3] is a list") != std::string::npos);
        CHECK(s.execute("jacobian(%3)").out == "[4] [ 0  1 ]\n    [ 1  0 ]\n");
        CHECK(s.execute("%9").err.find("there is no result %9") != std::string::npos);
        CHECK(s.execute(":eval x^2/3, x = 1/2").out == "[5] 1/12 ~ 0.08333333333333333\n");
        CHECK(s.execute("ans*12").out == "[6] 1\n");
    }

    TEST_CASE("Session: calculus calls and their command forms agree") {
        Session s;
        s.execute("f(x, y) = x^2*y + sin(x)");
        CHECK(s.execute("diff(f(x, y), x)").out == "[1] 2*x*y + cos(x)\n");
        CHECK(s.execute(":diff f, x").out == "[2] 2*x*y + cos(x)\n");
        CHECK(s.execute(":diff x^2*y x y").out == "[3] 2*x\n");
        CHECK(s.execute("diff(x^5, x, 3)").out == "[4] 60*x^2\n");
        CHECK(s.execute("grad(f)").out == "[5] [2*x*y + cos(x), x^2]\n");
        CHECK(s.execute(":grad f y x").out == "[6] [x^2, 2*x*y + cos(x)]\n");
        CHECK(s.execute("hessian(f)").out == "[7] [ 2*y - sin(x)  2*x ]\n    [ 2*x           0   ]\n");
        CHECK(s.execute("1 + diff(x^3, x)").out == "[8] 3*x^2 + 1\n");
        CHECK(s.execute(":eval cos(x) x=pi/3").out == "[9] 1/2 ~ 0.5\n");
    }

    TEST_CASE("Session: errors carry a caret under the place in the statement") {
        Session s;
        s.execute("f(x) = x^2");
        // Positions are mapped back through the placeholders that stand for f(...) calls.
        const std::string caret = s.execute("f(1) + f(2) + )").err;
        CHECK(caret.find("column 15") != std::string::npos);
        CHECK(caret.find("\n  f(1) + f(2) + )\n                ^\n") != std::string::npos);
        CHECK(s.execute("f(1 +)").err.find("column 6") != std::string::npos);
        CHECK(s.execute("diff(x, 2x)").err.find("column 9") != std::string::npos);
        CHECK(s.execute("f(1, 2)").err.find("column 1") != std::string::npos);
        CHECK(s.execute(":nosuch").err.find("unknown command ':nosuch'") != std::string::npos);
        CHECK(s.execute("f(0)").ok);
    }

    TEST_CASE("Session: nothing is kept from a statement given up before it commits") {
        Session s;
        const Reply dropped = s.execute("a = 1", [] { return false; });
        CHECK(dropped.out.empty());
        CHECK(s.names().empty());
        CHECK(s.execute("x").out == "[1] x\n");
        CHECK(s.script() == std::vector<std::string>{"x"});
    }

    TEST_CASE("Session: :save writes what succeeded; :clear forgets") {
        Session s;
        s.execute("a = 2");
        s.execute("a +");  // fails: not in the script
        s.execute(":vars");
        s.execute("a^2");
        CHECK(s.script() == std::vector<std::string>{"a = 2", "a^2"});
        const fs::path file =
            fs::temp_directory_path() / ("nabla_repl_save_" + std::to_string(getpid()) + ".nb");
        CHECK(s.execute(":save " + file.string()).ok);
        CHECK(slurp(file) == "a = 2\na^2\n");
        fs::remove(file);
        s.execute(":clear");
        CHECK(s.names().empty());
        CHECK(s.script().empty());
        CHECK(s.execute("ans").err.find("no results yet") != std::string::npos);
    }

    TEST_CASE("Command arguments: commas, or trailing variable words") {
        Environment env;
        using nabla::frontend::Operation;
        auto args = [&](Operation op, std::string_view command) {
            const Statement s = parse_statement(command);
            return words(command, operation_arguments(op, s, Scope{env, command, {}}));
        };
        CHECK(args(Operation::Diff, ":diff x^2*y, x, y") == "x^2*y|x|y");
        CHECK(args(Operation::Diff, ":diff x^2*y x y") == "x^2*y|x|y");
        CHECK(args(Operation::Diff, ":diff sin(x) x 3") == "sin(x)|x|3");
        CHECK(args(Operation::Diff, ":diff 2x") == "2x");  // a word is written after a blank
        CHECK(args(Operation::Diff, ":diff x + y") == "x + y");  // no split leaves a valid expression
        CHECK(args(Operation::Grad, ":grad x*y + y^2 y x") == "x*y + y^2|y|x");
        CHECK(args(Operation::Grad, ":grad x*y") == "x*y");
        CHECK(args(Operation::Jacobian, ":jacobian [x*y, x + y] [x, y]") == "[x*y, x + y]|[x, y]");
        CHECK(args(Operation::Eval, ":eval x^2 + y x = 1 y=2/3") == "x^2 + y|x = 1|y=2/3");
        auto minimize = [](std::string_view command) {
            return words(command, minimize_arguments(parse_statement(command)));
        };
        CHECK(minimize(":minimize f, x = 1, newton") == "f|x = 1|newton");
        CHECK(minimize(":minimize sin(x)*y x=1 y=-2 gd") == "sin(x)*y|x=1|y=-2|gd");
        CHECK(minimize(":minimize f newton") == "f|newton");
        CHECK(minimize(":minimize x^2 + y") == "x^2 + y");  // y continues the expression
        CHECK(minimize(":minimize x^2 x = a") == "x^2|x = a");  // a is the value
        const std::string_view plot = ":plot sin(x)/x x=-10:10";
        const PlotArguments p = plot_arguments(parse_statement(plot));
        REQUIRE(p.expr);
        REQUIRE(p.range);
        CHECK(words(plot, p.args) == "sin(x)/x|x=-10:10");
        CHECK(p.range->name == "x");
        CHECK(plot.substr(begin_of(*p.range->upper), 2) == "10");
    }

    TEST_CASE("Completion: commands at the start, functions with '(', user names") {
        CHECK(completions(":gr", true, {}) == std::vector<std::string>{":grad"});
        CHECK(completions(":gr", false, {}).empty());
        CHECK(completions(":mi", true, {}) == std::vector<std::string>{":minimize"});
        CHECK(completions("sq", false, {}) == std::vector<std::string>{"sqrt("});
        CHECK(completions("jac", false, {}) == std::vector<std::string>{"jacobian("});
        CHECK(completions("my", false, {"my_f(", "myvar"}) == std::vector<std::string>{"my_f(", "myvar"});
        const auto all = completions("", false, {});
        for (const char* f : {"atan2(", "erf(", "pow(", "log(", "softplus(", "pi", "ans"})
            CHECK(std::find(all.begin(), all.end(), f) != all.end());
    }

    TEST_CASE("Canvas: braille dots and ASCII") {
        Canvas braille(1, 1, true);
        braille.curve(0, 0);
        braille.curve(1, 3);
        CHECK(braille.lines(Style{})[0] == "\u2881");  // dots 1 and 8
        Canvas ascii(3, 2, false);
        ascii.axis_row(1);
        ascii.curve(0, 0);
        CHECK(ascii.lines(Style{}) == std::vector<std::string>{"*", "---"});
    }

    TEST_CASE("Worker: runs a job; an interrupted one is abandoned and waited for") {
        Worker w;
        auto ran = std::make_shared<std::atomic<bool>>(false);
        CHECK(w.run([ran](const Worker::MayCommit&) { *ran = true; }, [] { return false; }) ==
              Worker::Outcome::Finished);
        CHECK(*ran);
        auto release = std::make_shared<std::atomic<bool>>(false);
        auto committed = std::make_shared<std::atomic<int>>(-1);
        const auto outcome = w.run(
            [release, committed](const Worker::MayCommit& may_commit) {
                while (!*release) std::this_thread::sleep_for(std::chrono::milliseconds(5));
                *committed = may_commit() ? 1 : 0;
            },
            [] { return true; });
        CHECK(outcome == Worker::Outcome::Interrupted);
        CHECK_FALSE(w.idle());
        CHECK_FALSE(w.wait_idle([] { return true; }));
        *release = true;
        CHECK(w.wait_idle([] { return false; }));
        CHECK(*committed == 0);  // the abandoned job was told not to commit
    }

    TEST_CASE(":plot: data and script handed to gnuplot, the PNG path reported") {
        const fs::path work = fs::temp_directory_path() / ("nabla_repl_plot_" + std::to_string(getpid()));
        fs::remove_all(work);
        fs::create_directories(work / "bin");
        // A stand-in gnuplot that writes the file named by the script's `set output`.
        const fs::path fake = work / "bin" / "gnuplot";
        std::ofstream(fake)
            << "#!/bin/sh\nPATH=/usr/bin:/bin\nout=$(sed -n 's/^set output \"\\(.*\\)\"$/\\1/p' \"$1\")\n"
               "grep -q 'using 1:3' \"$1\" && printf PNG > \"$out\"\n";
        fs::permissions(fake, fs::perms::owner_all);
        auto plot = [&](const std::string& path) {
            const fs::path out = work / "out.txt";
            const std::string cmd = "echo ':plot x^2 x=0:1' | TMPDIR='" + work.string() + "' PATH='" + path +
                                    "' '" + NABLA_BINARY + "' > '" + out.string() + "' 2>&1";
            const int status = std::system(cmd.c_str());
            const std::string text = slurp(out);
            INFO("output: ", text);
            CHECK(status == 0);
            const auto at = text.find("PNG: ");
            REQUIRE(at != std::string::npos);
            return fs::path(text.substr(at + 5, text.find('\n', at) - at - 5));
        };
        const fs::path png = plot((work / "bin").string());
        CHECK(slurp(png) == "PNG");
        CHECK(fs::exists(png.parent_path() / "samples.dat"));
        if (std::system("command -v gnuplot > /dev/null 2>&1") == 0) {
            const std::string real = plot(std::getenv("PATH"));  // the real gnuplot
            CHECK(slurp(real).substr(1, 3) == "PNG");
        } else {
            MESSAGE("gnuplot is not installed: only the stand-in was tried");
        }
        fs::remove_all(work);
    }

    TEST_CASE("Scripts: tests/repl/*.nb through `nabla < script` match their transcripts") {
        // Each script runs in a fresh directory (for :save), without gnuplot on PATH (so no PNG
        // lines). The transcript is standard output and error together, then "[exit N]".
        const fs::path dir = fs::path(NABLA_SOURCE_DIR) / "tests" / "repl";
        const fs::path work = fs::temp_directory_path() / ("nabla_repl_scripts_" + std::to_string(getpid()));
        std::vector<fs::path> scripts;
        for (const auto& entry : fs::directory_iterator(dir))
            if (entry.path().extension() == ".nb") scripts.push_back(entry.path());
        std::sort(scripts.begin(), scripts.end());
        CHECK(scripts.size() >= 5);
        for (const fs::path& script : scripts) {
            fs::remove_all(work);
            fs::create_directories(work);
            const fs::path out = work / "transcript.txt";
            const std::string cmd = "cd '" + work.string() + "' && PATH=/nonexistent '" + NABLA_BINARY +
                                    "' < '" + script.string() + "' > '" + out.string() + "' 2>&1";
            const int raw = std::system(cmd.c_str());
            const std::string got =
                slurp(out) + "[exit " + std::to_string(WIFEXITED(raw) ? WEXITSTATUS(raw) : -1) + "]\n";
            fs::path expect_path = script;
            expect_path.replace_extension(".expect");
            const std::string want = slurp(expect_path);
            INFO("script: ", script.filename().string());
            INFO("got:\n", got);
            CHECK(got == want);
        }
        fs::remove_all(work);
    }
}

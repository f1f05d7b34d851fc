// gnuplot.cpp — data file, script and a child gnuplot process in a temporary directory.
#include "frontend/repl/gnuplot.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/error.hpp"
#include "jit/process.hpp"

namespace nabla::repl {
namespace {

// gnuplot strings in double quotes: backslash and quote escaped.
std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string fresh_directory() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/nabla-plot-XXXXXX";
    if (!mkdtemp(pattern.data())) throw Error("cannot create a temporary directory for the plot");
    return pattern;
}

}  // namespace

std::optional<std::string> gnuplot_png(const Samples& s, const std::string& f_title,
                                       const std::string& df_title) {
    const std::string gnuplot = jit::find_program("gnuplot");
    if (gnuplot.empty()) return std::nullopt;
    const std::string dir = fresh_directory();
    const std::string data = dir + "/samples.dat", script = dir + "/plot.gp", png = dir + "/plot.png";
    {
        std::ofstream out(data);
        out << "# x f df\n";
        auto value = [](double v) { return std::isfinite(v) ? fmt::format("{}", v) : std::string("NaN"); };
        for (std::size_t i = 0; i < s.x.size(); ++i)
            out << value(s.x[i]) << ' ' << value(s.f[i]) << ' ' << value(s.df[i]) << '\n';
    }
    {
        std::ofstream out(script);
        // pngcairo draws better; plain png is there in builds without cairo.
        out << "if (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) {\n"
            << "  set terminal pngcairo size 900,600 noenhanced\n"
            << "} else {\n  set terminal png size 900,600 noenhanced\n}\n"
            << "set output " << quoted(png) << "\n"
            << "set grid\nset key top left\nset xzeroaxis\n"
            << "plot " << quoted(data) << " using 1:2 with lines linewidth 2 title " << quoted(f_title)
            << ", \\\n"
            << "     " << quoted(data) << " using 1:3 with lines linewidth 2 title " << quoted(df_title)
            << "\n";
    }
    const std::string log = dir + "/gnuplot.log";
    // As the compiler runs: in a process group of its own, killed on Ctrl-C and when nabla dies.
    const int output = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (output < 0) throw Error("cannot write " + log);
    std::optional<int> status;
    try {
        status = jit::run({gnuplot, script}, output, std::chrono::seconds(0));
    } catch (...) {
        ::close(output);
        throw;
    }
    ::close(output);
    if (status != 0 || !std::filesystem::exists(png))
        throw Error("gnuplot failed; see " + log + " (script " + script + ")");
    return png;
}

}  // namespace nabla::repl

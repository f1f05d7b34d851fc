// gnuplot.cpp — data file, script and a child gnuplot process in a temporary directory.
#include "frontend/repl/gnuplot.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/error.hpp"

extern char** environ;

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

// Runs program with args, its output into `log`; the exit status, or -1 when it did not run.
// posix_spawn rather than system(): system() changes signal handling for the whole process.
int run(const std::string& program, const std::vector<std::string>& args, const std::string& log) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    std::vector<char*> argv{const_cast<char*>(program.c_str())};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    posix_spawnattr_t attributes;  // SIGPIPE back to its default: nabla itself ignores it
    posix_spawnattr_init(&attributes);
    sigset_t pipe_signal;
    sigemptyset(&pipe_signal);
    sigaddset(&pipe_signal, SIGPIPE);
    posix_spawnattr_setsigdefault(&attributes, &pipe_signal);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, program.c_str(), &actions, &attributes, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    if (spawned != 0) return -1;
    int status = 0;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

std::optional<std::string> find_on_path(std::string_view program) {
    const char* path = std::getenv("PATH");
    if (!path) return std::nullopt;
    std::string_view rest(path);
    while (true) {
        const std::size_t colon = rest.find(':');
        const std::string_view dir = rest.substr(0, colon);
        const std::string candidate = fmt::format("{}/{}", dir.empty() ? "." : dir, program);
        if (access(candidate.c_str(), X_OK) == 0 && std::filesystem::is_regular_file(candidate))
            return candidate;
        if (colon == std::string_view::npos) return std::nullopt;
        rest.remove_prefix(colon + 1);
    }
}

std::optional<std::string> gnuplot_png(const Samples& s, const std::string& f_title,
                                       const std::string& df_title) {
    const std::optional<std::string> gnuplot = find_on_path("gnuplot");
    if (!gnuplot) return std::nullopt;
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
    if (run(*gnuplot, {script}, log) != 0 || !std::filesystem::exists(png))
        throw Error("gnuplot failed; see " + log + " (script " + script + ")");
    return png;
}

}  // namespace nabla::repl

// process.cpp — fork, a small supervisor process, and exec.
//
// The compiler driver starts other processes (cc1plus, as, ld) that do the real work, so killing
// the driver alone is not enough. The child forked here leads a new process group and supervises
// the compiler: when nabla dies the kernel sends the supervisor SIGTERM (PR_SET_PDEATHSIG), and
// it kills the whole group. On a time limit or a cancel nabla kills the group itself.
#include "jit/process.hpp"

#include "core/error.hpp"
#include "core/expr.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <cerrno>
#include <cstdlib>
#include <sstream>
#include <thread>

namespace nabla::jit {

namespace {

void kill_group(int) { ::kill(0, SIGKILL); }

// In the forked child: only async-signal-safe calls, since nabla may have other threads.
[[noreturn]] void supervise(pid_t nabla, char* const* argv, int input, int output, int cwd) {
    ::setpgid(0, 0);
    struct sigaction on_term {};
    on_term.sa_handler = kill_group;
    ::sigaction(SIGTERM, &on_term, nullptr);
    struct sigaction by_default {};
    by_default.sa_handler = SIG_DFL;
    ::sigaction(SIGPIPE, &by_default, nullptr);  // nabla ignores it; the compiler should not
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
#ifdef __linux__
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
#endif
    if (::getppid() != nabla) kill_group(0);  // nabla died before the line above
    if (::dup2(input, 0) < 0 || ::dup2(output, 1) < 0 || ::dup2(output, 2) < 0) ::_exit(127);
    if (cwd >= 0 && ::fchdir(cwd) != 0) ::_exit(127);
    const pid_t compiler = ::fork();
    if (compiler == 0) {
        ::execv(argv[0], argv);
        ::_exit(127);
    }
    if (compiler < 0) ::_exit(127);
    int status = 0;
    while (::waitpid(compiler, &status, 0) < 0)
        if (errno != EINTR) ::_exit(127);
    ::_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
}

void stop(pid_t group) {
    ::kill(-group, SIGKILL);
    int status = 0;
    while (::waitpid(group, &status, 0) < 0 && errno == EINTR) {
    }
}

}  // namespace

std::string find_program(const std::string& name) {
    auto runnable = [](const std::string& path) {
        struct stat st {};
        return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
    };
    if (name.empty()) return "";
    if (name.find('/') != std::string::npos) return runnable(name) ? name : "";
    const char* path = std::getenv("PATH");
    std::istringstream dirs(path ? path : "/usr/local/bin:/usr/bin:/bin");
    for (std::string dir; std::getline(dirs, dir, ':');) {
        const std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
        if (runnable(candidate)) return candidate;
    }
    return "";
}

std::optional<int> run(const std::vector<std::string>& argv, int output, std::chrono::seconds limit, int cwd) {
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const int input = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (input < 0) return 127;
    const pid_t nabla = ::getpid();
    const pid_t child = ::fork();
    if (child == 0) supervise(nabla, args.data(), input, output, cwd);
    ::close(input);
    if (child < 0) return 127;
    ::setpgid(child, child);  // also here, so that the group exists before any kill below

    const auto deadline = std::chrono::steady_clock::now() + limit;
    for (;;) {
        int status = 0;
        const pid_t done = ::waitpid(child, &status, WNOHANG);
        if (done == child) return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        if (done < 0 && errno != EINTR) return 127;
        if (limit.count() > 0 && std::chrono::steady_clock::now() >= deadline) {
            stop(child);
            return std::nullopt;
        }
        try {
            core::check_cancel();
        } catch (...) {
            stop(child);
            throw;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

}  // namespace nabla::jit

// test_repl_pty.cpp — the interactive REPL end to end on a pseudo-terminal: prompt, Tab
// completion, multi-line input, Ctrl-C on a line and on a long computation, Ctrl-D, and the
// history kept from one session to the next.
#include <doctest/doctest.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// nabla started on a new pseudo-terminal, with its state (history) under `state_dir`.
class Terminal {
public:
    explicit Terminal(const fs::path& home) {
        winsize size{};
        size.ws_row = 24;
        size.ws_col = 100;
        pid_ = forkpty(&fd_, nullptr, nullptr, &size);
        if (pid_ == 0) {
            setenv("HOME", home.c_str(), 1);
            setenv("XDG_STATE_HOME", (home / "state").c_str(), 1);
            setenv("NO_COLOR", "1", 1);
            setenv("TERM", "xterm", 1);
            execl(NABLA_BINARY, NABLA_BINARY, static_cast<char*>(nullptr));
            _exit(127);
        }
    }
    ~Terminal() {
        if (pid_ > 0 && !exited_) {
            kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
        if (fd_ >= 0) close(fd_);
    }

    bool started() const { return pid_ > 0; }

    void send(const std::string& keys) {
        std::size_t done = 0;
        while (done < keys.size()) {
            const ssize_t n = write(fd_, keys.data() + done, keys.size() - done);
            if (n <= 0) return;
            done += static_cast<std::size_t>(n);
        }
    }

    // Waits until `text` appears in the output after what earlier expects consumed.
    bool expect(const std::string& text, double seconds = 15) {
        const auto deadline = Clock::now() + std::chrono::duration<double>(seconds);
        while (true) {
            if (auto at = output_.find(text, seen_); at != std::string::npos) {
                seen_ = at + text.size();
                return true;
            }
            const auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
            if (left <= 0 || !read_some(static_cast<int>(left))) return false;
        }
    }

    // Waits for the prompt and a moment more: the prompt can show before libedit has the
    // terminal in raw mode, and a Ctrl-D typed in that instant (cooked mode's end of file)
    // was seen to get lost.
    bool at_prompt() {
        if (!expect("nabla> ")) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        return true;
    }

    // True when nabla exits with status 0 within `seconds`.
    bool exits_cleanly(double seconds = 5) {
        const auto deadline = Clock::now() + std::chrono::duration<double>(seconds);
        while (Clock::now() < deadline) {
            read_some(50);
            int status = 0;
            if (waitpid(pid_, &status, WNOHANG) == pid_) {
                exited_ = true;
                return WIFEXITED(status) && WEXITSTATUS(status) == 0;
            }
        }
        return false;
    }

    const std::string& output() const { return output_; }

private:
    bool read_some(int timeout_ms) {
        pollfd p{fd_, POLLIN, 0};
        if (poll(&p, 1, timeout_ms) <= 0) return false;
        char buffer[4096];
        const ssize_t n = read(fd_, buffer, sizeof buffer);
        if (n <= 0) return false;
        output_.append(buffer, static_cast<std::size_t>(n));
        return true;
    }

    pid_t pid_ = -1;
    int fd_ = -1;
    bool exited_ = false;
    std::string output_;
    std::size_t seen_ = 0;
};

std::string slurp(const fs::path& path) {
    std::ifstream in(path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Minutes of work in the core (order 20 already takes seconds; each order multiplies it): the
// test interrupts it after a second.
constexpr const char* slow = "diff(sin(x)^20*exp(cos(x)^15)*log(x^2+1)^10/(1+x^2+y^3)^7, x, 30)\r";

}  // namespace

TEST_SUITE("repl") {
    TEST_CASE("REPL on a terminal: prompt, completion, multi-line, Ctrl-C, Ctrl-D, history") {
        const fs::path home = fs::temp_directory_path() / ("nabla_repl_pty_" + std::to_string(getpid()));
        fs::remove_all(home);
        fs::create_directories(home);
        {
            Terminal t(home);
            if (!t.started()) {
                MESSAGE("skipped: no pseudo-terminal available (forkpty failed)");
                return;
            }
            INFO("terminal output:\n", t.output());
            REQUIRE(t.at_prompt());
            t.send("x^2 + x\r");
            CHECK(t.expect("[1] x^2 + x"));
            CHECK(t.at_prompt());

            // Tab completes the command; the result shows it ran as :grad.
            t.send(":gr\t");
            t.send("x*y\r");
            CHECK(t.expect("[2] [y, x]"));
            CHECK(t.at_prompt());

            // A user function completes with its "(".
            t.send("cube(x) = x^3\r");
            CHECK(t.expect("cube(x) = x^3"));
            CHECK(t.at_prompt());
            t.send("cu\t2)\r");
            CHECK(t.expect("[3] 8"));
            CHECK(t.at_prompt());

            // Up recalls the line before; Enter runs it again.
            t.send("\x1b[A");
            CHECK(t.expect("cube(2)"));
            t.send("\r");
            CHECK(t.expect("[4] 8"));
            CHECK(t.at_prompt());

            // Ctrl-C drops the line being typed.
            t.send("abandoned + 1\x03");
            CHECK(t.expect("^C"));
            CHECK(t.at_prompt());

            // Brackets left open continue on the next line.
            t.send("(x +\r");
            CHECK(t.expect("...> "));
            t.send("1)^2\r");
            CHECK(t.expect("[5] (x + 1)^2"));
            CHECK(t.at_prompt());

            // Ctrl-C stops a long computation, and the session goes on at once.
            t.send(slow);
            std::this_thread::sleep_for(std::chrono::milliseconds(1500));
            t.send("\x03");
            CHECK(t.expect("interrupted: the computation was stopped"));
            CHECK(t.at_prompt());
            t.send("y_last^2\r");
            CHECK(t.expect("[6] y_last^2"));
            CHECK(t.at_prompt());

            // Ctrl-D leaves at once, even with the computation still going.
            t.send("\x04");
            CHECK(t.exits_cleanly());
        }
        const std::string history = slurp(home / "state" / "nabla" / "history");
        CHECK(history.find("cube(2)") != std::string::npos);
        CHECK(history.find("abandoned") == std::string::npos);  // a cancelled line is not kept

        {
            // A new session finds the history of the last one.
            Terminal t(home);
            REQUIRE(t.at_prompt());
            t.send("\x1b[A");
            CHECK(t.expect("y_last^2"));
            t.send("\r");
            CHECK(t.expect("[1] y_last^2"));
            CHECK(t.at_prompt());
            t.send(":quit\r");
            CHECK(t.exits_cleanly());
        }
        fs::remove_all(home);
    }
}

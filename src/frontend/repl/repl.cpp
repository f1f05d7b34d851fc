// repl.cpp — the read-run-print loop: statements in, replies out, Ctrl-C and Ctrl-D handled.
#include "frontend/repl/repl.hpp"

#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>

#include "core/limits.hpp"
#include "core/text.hpp"
#include "frontend/io.hpp"
#include "frontend/repl/command_table.hpp"
#include "frontend/repl/line_reader.hpp"
#include "frontend/repl/paths.hpp"
#include "frontend/repl/session.hpp"
#include "frontend/repl/worker.hpp"
#include "frontend/version.hpp"

namespace nabla::repl {
namespace {

volatile std::sig_atomic_t interrupt_requested = 0;
void on_interrupt(int) { interrupt_requested = 1; }

constexpr const char* prompt = "nabla> ";
constexpr const char* continuation_prompt = "  ...> ";
constexpr int max_load_depth = 16;

// The next statement of a stream: one line, or several while brackets are open. A line past
// limits::max_line_bytes is dropped and makes the statement `too_long`.
bool next_statement(std::istream& in, std::string& statement, bool& too_long, std::size_t& line_no,
                    std::size_t& first_line) {
    std::string line;
    too_long = false;
    auto read = [&] {
        const frontend::LineRead got = frontend::read_line(in, line);
        if (got == frontend::LineRead::End) return false;
        ++line_no;
        too_long = too_long || got == frontend::LineRead::TooLong;
        return true;
    };
    if (!read()) return false;
    first_line = line_no;
    statement = line;
    // A blank line ends a statement even with brackets open, so one unclosed bracket
    // cannot swallow the rest of a script.
    while (open_brackets(statement) > 0 && read() && line.find_first_not_of(" \t") != std::string::npos)
        statement += "\n" + line;
    return true;
}

std::string too_long_message() {
    return " a line is longer than " + std::to_string(limits::max_line_bytes >> 20) + " MiB, the limit of one line\n";
}

class Driver {
public:
    explicit Driver(bool interactive)
        : style_(style_for(STDOUT_FILENO)), session_(style_), interactive_(interactive) {}

    // Runs one statement; false when it asks to leave. `where` prefixes errors ("line 3: ").
    bool run(const std::string& statement, const std::string& where);

    // Runs every statement of `in`; false when one asked to leave.
    bool run_stream(std::istream& in, const std::string& source);

    int interact();
    int failures() const { return failures_; }
    bool idle() const { return worker_.idle(); }

private:
    void load(const Statement& s, const std::string& where);
    void report_error(const std::string& where, const std::string& error);

    Style style_;
    Session session_;
    Worker worker_;
    bool interactive_;
    int failures_ = 0;
    int load_depth_ = 0;
    LineReader* reader_ = nullptr;
};

void Driver::report_error(const std::string& where, const std::string& error) {
    ++failures_;
    std::cout.flush();
    std::cerr << where << error;
    std::cerr.flush();
}

bool Driver::run(const std::string& statement, const std::string& where) {
    // :quit, :load and :history belong to the loop, not to the session.
    const std::size_t first = core::skip_blank(statement, 0);
    if (first < statement.size() && statement[first] == ':') {  // a command, which always parses
        const Statement s = parse_statement(statement);
        const CommandInfo* c = find_command(s.name);
        if (c && (c->name == "quit" || c->name == "exit" || c->name == "q")) return false;
        if (c && c->name == "load") {
            load(s, where);
            return true;
        }
        if (c && c->name == "history") {
            const auto& file = reader_ ? reader_->history_file() : std::optional<std::string>();
            std::cout << (file ? "history is kept in " + *file : std::string("no history is kept here"))
                      << "\n";
            return true;
        }
    }
    auto interrupted = [this] { return interactive_ && interrupt_requested != 0; };
    if (!worker_.idle()) {
        std::cout << style_.dim("waiting for the interrupted computation to end (Ctrl-C stops waiting)")
                  << "\n";
        std::cout.flush();
        if (!worker_.wait_idle(interrupted)) {
            std::cout << "not run: the interrupted computation is still going\n";
            return true;
        }
    }
    auto reply = std::make_shared<Reply>();
    auto words = std::make_shared<std::vector<std::string>>();
    Session* session = &session_;
    const Worker::Outcome outcome = worker_.run(
        [reply, words, session, statement](const Worker::MayCommit& may_commit) {
            *reply = session->execute(statement, may_commit);
            *words = session->completion_words();
        },
        interrupted);
    if (outcome == Worker::Outcome::Interrupted) {
        std::cout << "\n" << style_.error("interrupted");
        if (worker_.idle())
            std::cout << ": the computation was stopped.\n";
        else
            std::cout << ": the statement is dropped; it is still stopping, and the next statement waits.\n";
        std::cout.flush();
        return true;
    }
    std::cout << reply->out;
    std::cout.flush();
    if (!reply->ok) report_error(where, reply->err);
    if (reader_) reader_->set_user_words(*words);
    return true;
}

void Driver::load(const Statement& s, const std::string& where) {
    const std::string path = expand_home(std::string(s.command_text()));
    std::ifstream in(path);
    if (path.empty() || !in) {
        report_error(where, style_.error("error:") + " cannot read '" + path + "'" +
                                (path.empty() ? " (give a file name: :load session.nb)" : "") + "\n");
        return;
    }
    if (load_depth_ >= max_load_depth) {
        report_error(where, style_.error("error:") + " :load nested too deeply (a file loading itself?)\n");
        return;
    }
    ++load_depth_;
    run_stream(in, path + ":");
    --load_depth_;
}

bool Driver::run_stream(std::istream& in, const std::string& source) {
    std::string statement;
    bool too_long = false;
    std::size_t line_no = 0, first_line = 0;
    while (next_statement(in, statement, too_long, line_no, first_line)) {
        if (interactive_ && interrupt_requested) return true;
        const std::string where = source + std::to_string(first_line) + ": ";
        if (too_long) {
            report_error(where, style_.error("error:") + too_long_message());
            continue;
        }
        if (!run(statement, where)) return false;
    }
    return true;
}

int Driver::interact() {
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;  // no SA_RESTART: a read cut short is how Ctrl-C reaches us
    sigaction(SIGINT, &action, nullptr);
    {
        LineReader reader(history_path());
        reader_ = &reader;
        std::cout << "nabla " << frontend::version()
                  << " — exact derivatives. :help for commands and examples, Ctrl-D to leave.\n";
        while (true) {
            interrupt_requested = 0;
            std::optional<std::string> line = reader.read(prompt);
            if (!line && interrupt_requested) {
                std::cout << "^C\n";
                continue;
            }
            if (!line) {
                std::cout << "\n";
                break;
            }
            std::string statement = *line;
            if (statement.size() > limits::max_line_bytes) {
                report_error("", style_.error("error:") + too_long_message());
                continue;
            }
            bool cancelled = false;
            while (open_brackets(statement) > 0) {
                std::optional<std::string> more = reader.read(continuation_prompt);
                if (!more) {
                    cancelled = interrupt_requested != 0;  // at Ctrl-D, run what there is
                    break;
                }
                if (more->find_first_not_of(" \t") == std::string::npos) break;  // as in scripts
                statement += "\n" + *more;
            }
            if (cancelled) {
                std::cout << "^C\n";
                continue;
            }
            reader.remember(statement);
            interrupt_requested = 0;
            if (!run(statement, "")) break;
        }
        reader_ = nullptr;
    }
    return 0;
}

}  // namespace

int run_repl() {
    const bool interactive = isatty(STDIN_FILENO);
    Driver driver(interactive);
    int status = 0;
    if (interactive) {
        status = driver.interact();
    } else {
        driver.run_stream(std::cin, "line ");
        status = driver.failures() > 0 ? 1 : 0;
    }
    std::cout.flush();
    // An abandoned computation may still be using the core; leaving through static
    // destructors would pull its expressions from under it.
    if (!driver.idle()) std::_Exit(status);
    return status;
}

}  // namespace nabla::repl

// session.hpp — one REPL session: runs statements against its definitions and results.
//
// A Session touches core expressions, which are single-threaded: all calls on one Session
// must come from one thread at a time (the worker that runs the statement).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "frontend/repl/environment.hpp"
#include "frontend/repl/statement.hpp"
#include "frontend/repl/style.hpp"

namespace nabla::repl {

struct Reply {
    std::string out;  // for standard output: results, listings, plots
    std::string err;  // for standard error: the error, with the statement and a caret
    bool ok = true;
};

class Session {
public:
    explicit Session(Style style = {}) : style_(style) {}

    // Runs one statement (which may span lines). `may_commit`, when given, is asked once,
    // after the work and before anything is remembered: if it answers false (the user gave
    // up on the statement), the session stays as it was and the reply is empty.
    Reply execute(std::string_view statement, const std::function<bool()>& may_commit = nullptr);

    std::vector<std::string> names() const { return env_.names(); }
    // The names for Tab completion, functions spelled "f(".
    std::vector<std::string> completion_words() const;
    // The statements that succeeded since the last :clear, for :save.
    const std::vector<std::string>& script() const { return script_; }

private:
    // What a statement did, before it is committed.
    struct Outcome {
        std::string out;
        std::optional<frontend::Response> result;    // to be numbered and kept
        std::function<void(Environment&)> change;  // a definition or a :clear
        bool record = false;                       // belongs in the :save script
        bool reset_script = false;
    };
    Outcome run(const Statement& s);
    Outcome run_command(const Statement& s);  // session_commands.cpp, like the rest below
    Outcome define(const Statement& s);
    Outcome plot(const Statement& s);
    Outcome show(const Statement& s, std::string_view command);  // :latex, :cse, :code
    Outcome save(const Statement& s);
    Outcome clear(const Statement& s);

    Style style_;
    Environment env_;
    std::vector<std::string> script_;
};

}  // namespace nabla::repl

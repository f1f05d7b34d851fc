// line_reader.hpp — reading lines at a terminal with libedit: editing, history, completion.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace nabla::repl {

class LineReader {
public:
    // Loads the history file, if any. Only one LineReader may exist at a time (libedit's
    // readline interface is global).
    explicit LineReader(std::optional<std::string> history_file);
    ~LineReader();
    LineReader(const LineReader&) = delete;
    LineReader& operator=(const LineReader&) = delete;

    // One line, or nothing at Ctrl-D on an empty line, or when a signal (Ctrl-C) cut the
    // reading short: the caller tells the two apart by its SIGINT flag.
    std::optional<std::string> read(const char* prompt);

    // Adds a statement to the history and saves the file, so a killed session keeps it.
    void remember(const std::string& statement);

    // The session's own names, offered by Tab next to commands and built-in functions.
    void set_user_words(std::vector<std::string> words);

    const std::optional<std::string>& history_file() const { return history_file_; }

private:
    std::optional<std::string> history_file_;
    std::string last_;
};

}  // namespace nabla::repl

// line_reader.cpp — libedit's readline-compatible interface, set up for nabla.
#include "frontend/repl/line_reader.hpp"

#include <editline/readline.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "frontend/repl/completion.hpp"
#include "frontend/repl/paths.hpp"

namespace nabla::repl {
namespace {

// libedit calls plain C functions, so the words they offer live here.
std::vector<std::string> user_words;
std::vector<std::string> matches;
std::size_t next_match = 0;

// Breaking words at operators lets x*si<Tab> complete sin(. Not at ':' (commands).
char word_breaks[] = " \t\n+-*/^(),[]=%<>;";

// Where the argument of :load or :save starts, when the line is one of those commands.
std::optional<std::size_t> file_argument(std::string_view line) {
    const std::size_t begin = std::min(line.find_first_not_of(" \t"), line.size());
    for (std::string_view command : {":load ", ":save ", ":lo ", ":sa "}) {
        if (!line.substr(begin).starts_with(command)) continue;
        const std::size_t arg = line.find_first_not_of(" \t", begin + command.size());
        return arg == std::string_view::npos ? line.size() : arg;
    }
    return std::nullopt;
}

// File names for :load and :save. libedit hands over only the last word, which begins after
// any '/' or '-', so the directory and the start of the name are taken from the line.
std::vector<std::string> file_names(std::string_view line, std::size_t arg, std::string_view word) {
    const std::string_view partial = line.substr(arg);
    const std::size_t slash = partial.rfind('/');
    const bool here = slash == std::string_view::npos;
    const std::string dir = here ? "." : expand_home(std::string(partial.substr(0, slash + 1)));
    const std::string_view prefix = here ? partial : partial.substr(slash + 1);
    const std::size_t lead = prefix.size() >= word.size() ? prefix.size() - word.size() : 0;
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (!name.starts_with(prefix) || (name.starts_with(".") && !prefix.starts_with("."))) continue;
        out.push_back(name.substr(lead) + (entry.is_directory(ec) ? "/" : ""));
    }
    std::sort(out.begin(), out.end());
    return out;
}

char* next_completion(const char*, int state) {
    if (state == 0) next_match = 0;
    if (next_match >= matches.size()) return nullptr;
    return strdup(matches[next_match++].c_str());
}

char** complete(const char* text, int start, int end) {
    rl_attempted_completion_over = 1;  // never libedit's own file names in expressions
    const std::string_view line(rl_line_buffer, static_cast<std::size_t>(end));
    if (const auto arg = file_argument(line)) {
        matches = file_names(line, *arg, text);
    } else {
        const bool starts_statement =
            line.substr(0, static_cast<std::size_t>(start)).find_first_not_of(" \t") ==
            std::string_view::npos;
        matches = completions(text, starts_statement, user_words);
    }
    if (matches.empty()) return nullptr;
    // "sin(" and "dir/" need nothing after them; a command, a name or a file gets a blank.
    const bool open_ended = std::all_of(matches.begin(), matches.end(), [](const std::string& m) {
        return m.ends_with("(") || m.ends_with("/");
    });
    rl_completion_append_character = open_ended ? '\0' : ' ';
    return rl_completion_matches(text, next_completion);
}

}  // namespace

LineReader::LineReader(std::optional<std::string> history_file) : history_file_(std::move(history_file)) {
    rl_readline_name = "nabla";
    rl_initialize();
    rl_attempted_completion_function = complete;
    rl_completer_word_break_characters = word_breaks;
    rl_basic_word_break_characters = word_breaks;
    stifle_history(2000);
    if (history_file_) read_history(history_file_->c_str());
}

LineReader::~LineReader() {
    if (history_file_) write_history(history_file_->c_str());
}

std::optional<std::string> LineReader::read(const char* prompt) {
    char* line = readline(prompt);
    if (!line) return std::nullopt;
    std::string text(line);
    std::free(line);
    return text;
}

void LineReader::remember(const std::string& statement) {
    if (statement.find_first_not_of(" \t\n") == std::string::npos || statement == last_) return;
    last_ = statement;
    // One line in the history, when joining its lines loses no comment.
    std::string entry = statement;
    if (entry.find('#') == std::string::npos) std::replace(entry.begin(), entry.end(), '\n', ' ');
    add_history(entry.c_str());
    if (history_file_) write_history(history_file_->c_str());
}

void LineReader::set_user_words(std::vector<std::string> words) { user_words = std::move(words); }

}  // namespace nabla::repl

// completion.hpp — what Tab offers: commands, built-in functions, the calculus calls, user names.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace nabla::repl {

// The completions of `word`, the partial word before the cursor. Commands (":diff") only
// when the word begins the statement. Functions come with their "(" (sin( diff( f(), and
// `user_words` are the session's names, functions already spelled "f(".
std::vector<std::string> completions(std::string_view word, bool starts_statement,
                                     const std::vector<std::string>& user_words);

}  // namespace nabla::repl

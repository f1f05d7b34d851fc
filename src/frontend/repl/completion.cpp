// completion.cpp — candidate words for Tab, sorted and without repeats.
#include "frontend/repl/completion.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/expr.hpp"
#include "frontend/repl/command_table.hpp"

namespace nabla::repl {
namespace {

std::vector<std::string> language_words() {
    std::vector<std::string> out;
#define NABLA_FUNCTION(id, name, ...) out.push_back(std::string(name) + "(");
#include "core/functions.def"
#undef NABLA_FUNCTION
    // Spellings the parser lowers to other nodes (log is also a core function).
    for (const char* f : {"sqrt(", "pow(", "log("}) out.push_back(f);
    for (const char* op : {"diff(", "grad(", "hessian(", "jacobian("}) out.push_back(op);
    out.push_back("pi");
    out.push_back("ans");
    return out;
}

}  // namespace

std::vector<std::string> completions(std::string_view word, bool starts_statement,
                                     const std::vector<std::string>& user_words) {
    std::vector<std::string> out;
    if (word.starts_with(":")) {
        if (!starts_statement) return out;
        for (const CommandInfo& c : commands())
            if (std::string name = fmt::format(":{}", c.name); name.starts_with(word)) out.push_back(name);
    } else {
        static const std::vector<std::string> builtin = language_words();
        for (const auto* list : {&builtin, &user_words})
            for (const std::string& w : *list)
                if (w.starts_with(word)) out.push_back(w);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace nabla::repl

// style.cpp — deciding what the output stream can show.
#include "frontend/repl/style.hpp"

#include <langinfo.h>
#include <unistd.h>

#include <clocale>
#include <cstdlib>
#include <cstring>

namespace nabla::repl {

std::string Style::paint(std::string_view code, std::string_view s) const {
    if (!colour) return std::string(s);
    return "\x1b[" + std::string(code) + "m" + std::string(s) + "\x1b[0m";
}

Style style_for(int fd) {
    Style s;
    if (!isatty(fd)) return s;
    const char* no_colour = std::getenv("NO_COLOR");
    const char* term = std::getenv("TERM");
    s.colour = !(no_colour && *no_colour) && !(term && std::strcmp(term, "dumb") == 0);
    // The C locale is "C" until someone sets it; ask the environment's without keeping it.
    const std::string previous = std::setlocale(LC_CTYPE, nullptr);
    if (std::setlocale(LC_CTYPE, "")) {
        const char* codeset = nl_langinfo(CODESET);
        s.unicode = codeset && (std::strcmp(codeset, "UTF-8") == 0 || std::strcmp(codeset, "utf8") == 0);
    }
    std::setlocale(LC_CTYPE, previous.c_str());
    return s;
}

}  // namespace nabla::repl

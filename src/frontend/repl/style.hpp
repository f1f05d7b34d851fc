// style.hpp — colours and Unicode for the terminal, off for pipes and when NO_COLOR is set.
#pragma once

#include <string>
#include <string_view>

namespace nabla::repl {

struct Style {
    bool colour = false;   // ANSI colours
    bool unicode = false;  // braille plots and other non-ASCII output

    std::string label(std::string_view s) const { return paint("1;36", s); }  // [3]
    std::string name(std::string_view s) const { return paint("32", s); }     // defined names
    std::string error(std::string_view s) const { return paint("1;31", s); }
    std::string dim(std::string_view s) const { return paint("2", s); }
    std::string paint(std::string_view code, std::string_view s) const;
};

// Colour when `fd` is a terminal, NO_COLOR is unset and TERM is not "dumb"; Unicode when it
// is a terminal and the locale's character set is UTF-8.
Style style_for(int fd);

}  // namespace nabla::repl

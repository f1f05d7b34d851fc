// output.cpp — laying results out after their [n] label.
#include "frontend/repl/output.hpp"

#include "print/print.hpp"

#include <fmt/format.h>

namespace nabla::repl {
namespace {

constexpr std::size_t wide = 100;  // a list longer than this goes one entry a line

// Indents every line after the first by `indent` spaces.
std::string hang(const std::string& text, std::size_t indent) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        out += text[i];
        if (text[i] == '\n' && i + 1 < text.size()) out += std::string(indent, ' ');
    }
    return out;
}

std::string list_text(const std::vector<core::Expr>& items) {
    std::vector<std::string> texts;
    std::size_t total = 0;
    for (const core::Expr& e : items) {
        texts.push_back(print::infix(e));
        total += texts.back().size() + 2;
    }
    const std::string separator = total > wide ? ",\n " : ", ";
    std::string out = "[";
    for (std::size_t i = 0; i < texts.size(); ++i) out += (i ? separator : "") + texts[i];
    return out + "]\n";
}

}  // namespace

std::string format_plain(const frontend::Result& r, frontend::Format format) {
    if (r.shape == frontend::Result::Shape::Vector && format == frontend::Format::Infix) return list_text(r.rows[0]);
    return frontend::render(r, format);
}

std::string format_result(std::size_t number, const frontend::Result& r, const Style& style) {
    const std::string label = fmt::format("[{}] ", number);
    std::string body = format_plain(r, frontend::Format::Infix);
    if (r.shape == frontend::Result::Shape::Value && r.value.exact && r.value.exact->get_den() != 1)
        body = r.value.exact->get_str() + (style.unicode ? " ≈ " : " ~ ") + fmt::format("{}", r.value.number) + "\n";
    return style.label(label.substr(0, label.size() - 1)) + " " + hang(body, label.size());
}

}  // namespace nabla::repl

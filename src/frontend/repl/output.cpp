// output.cpp — laying results out after their [n] label.
#include "frontend/repl/output.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "print/print.hpp"

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

std::string infix_or_note(const core::Expr& e) {
    try {
        return print::infix(e);
    } catch (const LimitError&) {
        return "(too large to print as a tree; :cse prints it with shared parts once)";
    }
}

std::string format_plain(const frontend::Response& r, frontend::Format format) {
    using Shape = frontend::Response::Shape;
    if (r.shape == Shape::Vector && format == frontend::Format::Infix) return list_text(r.rows[0]);
    if (r.shape == Shape::Vector && format == frontend::Format::Cse && r.vars.size() != r.rows[0].size()) {
        // render labels a gradient's entries by its variables; a plain list has none.
        frontend::Response as_row = r;
        as_row.shape = Shape::Matrix;
        return frontend::render(as_row, format);
    }
    return frontend::render(r, format);
}

std::string format_result(std::size_t number, const frontend::Response& r, const Style& style) {
    const std::string label = fmt::format("[{}] ", number);
    std::string body;
    try {
        body = format_plain(r, frontend::Format::Infix);
    } catch (const LimitError&) {
        // The result is kept all the same: %N and :cse can still use it.
        body = fmt::format("(too large to print as a tree; :cse %{} prints it with shared parts once)\n",
                           number);
    }
    if (r.shape == frontend::Response::Shape::Value && r.value.exact && r.value.exact->get_den() != 1)
        body = r.value.exact->get_str() + (style.unicode ? " ≈ " : " ~ ") +
               fmt::format("{}", r.value.number) + "\n";
    return style.label(label.substr(0, label.size() - 1)) + " " + hang(body, label.size());
}

}  // namespace nabla::repl

// syntax.cpp — questions about parse trees, answered from their shape and their positions.
#include "frontend/repl/syntax.hpp"

#include "core/text.hpp"
#include "parse/lower.hpp"

namespace nabla::repl {
namespace {

namespace x3 = boost::spirit::x3;

// The primary an argument consists of alone, if it is one.
const ast::Primary* primary_of(const ast::Argument& a) {
    const ast::Sum* s = expression_of(a);
    return s ? parse::sole_primary(*s) : nullptr;
}

template <typename T>
const T* alone(const ast::Argument& a) {
    const ast::Primary* p = primary_of(a);
    return p ? boost::get<T>(&p->get()) : nullptr;
}

std::size_t end_of(const ast::Unary& u) { return u.id_last < 0 ? 0 : static_cast<std::size_t>(u.id_last); }

}  // namespace

Error error_at(std::string_view statement, std::size_t at, const std::string& message) {
    return Error(message, core::char_offset(statement, std::min(at, statement.size())));
}

std::size_t begin_of(const ast::Argument& a) { return parse::offset_of(a); }
std::size_t begin_of(const ast::Sum& s) { return parse::offset_of(s); }

std::size_t end_of(const ast::Sum& s) {
    const ast::Product& last = s.rest.empty() ? s.first : s.rest.back().operand;
    return end_of(last.rest.empty() ? last.first : last.rest.back().operand);
}

std::size_t end_of(const ast::Argument& a) {
    if (const ast::Binding* b = binding_of(a)) return end_of(b->upper ? *b->upper : b->value);
    return end_of(*expression_of(a));
}

const ast::Sum* expression_of(const ast::Argument& a) { return boost::get<ast::Sum>(&a.get()); }
const ast::Binding* binding_of(const ast::Argument& a) { return boost::get<ast::Binding>(&a.get()); }
const ast::Name* name_of(const ast::Argument& a) { return alone<ast::Name>(a); }
const ast::Number* number_of(const ast::Argument& a) { return alone<ast::Number>(a); }
const ast::Reference* reference_of(const ast::Argument& a) { return alone<ast::Reference>(a); }

const ast::List* list_of(const ast::Argument& a) {
    const auto* l = alone<x3::forward_ast<ast::List>>(a);
    return l ? &l->get() : nullptr;
}

const ast::Call* call_of(const ast::Sum& s) {
    const ast::Primary* p = parse::sole_primary(s);
    const auto* c = p ? boost::get<x3::forward_ast<ast::Call>>(&p->get()) : nullptr;
    return c ? &c->get() : nullptr;
}

const ast::List* list_of(const ast::Sum& s) {
    const ast::Primary* p = parse::sole_primary(s);
    const auto* l = p ? boost::get<x3::forward_ast<ast::List>>(&p->get()) : nullptr;
    return l ? &l->get() : nullptr;
}

std::string_view text_of(std::string_view statement, const ast::Argument& a) {
    const std::size_t begin = begin_of(a);
    return statement.substr(begin, end_of(a) - begin);
}

int open_brackets(std::string_view text) {
    int depth = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '#') i = core::skip_blank(text, i) - 1;
        if (c == '(' || c == '[') ++depth;
        if (c == ')' || c == ']') --depth;
    }
    return depth;
}

}  // namespace nabla::repl

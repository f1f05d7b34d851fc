// lower.hpp — a parse tree (grammar/ast.hpp) -> canonical core expression.
//
// The expression language lowers on its own. The REPL's statements add names, calls and %N
// that mean something only in a session; a Resolver gives them their values, so the REPL lowers
// the same tree with the same rules instead of rewriting text.
#pragma once

#include "core/expr.hpp"
#include "grammar/ast.hpp"

#include <cstddef>
#include <optional>
#include <string_view>

namespace nabla::parse {

class Lowering;

// What the expression language leaves open. Each default is the language's own meaning.
class Resolver {
public:
    virtual ~Resolver() = default;
    // A name other than pi, e and the functions: its value, or nothing to keep it a symbol.
    virtual std::optional<core::Expr> name(const grammar::ast::Name&) { return std::nullopt; }
    // A call of a name that is not a built-in function: its value, or nothing for an unknown
    // function. `lower` lowers the call's arguments.
    virtual std::optional<core::Expr> call(const grammar::ast::Call&, Lowering&) { return std::nullopt; }
    // %N: without a resolver, '%' is not a character of the language.
    virtual core::Expr reference(const grammar::ast::Reference& r, Lowering& lower);
};

class Lowering {
public:
    // `text` is the source the tree was parsed from (node ids are byte offsets in it).
    explicit Lowering(std::string_view text, Resolver* resolver = nullptr);

    // Throws nabla::ParseError, LimitError or DomainError with a character position in text.
    core::Expr sum(const grammar::ast::Sum& s);
    // An argument that must be an expression (not a binding).
    core::Expr argument(const grammar::ast::Argument& a);

    std::string_view text() const { return text_; }
    [[noreturn]] void fail(std::size_t byte, const std::string& message) const;

private:
    core::Expr product(const grammar::ast::Product& p);
    void check_implicit(const grammar::ast::Unary& left, const grammar::ast::Unary& right) const;
    core::Expr unary(const grammar::ast::Unary& u);
    core::Expr power(const grammar::ast::Power& p, std::size_t offset);
    core::Expr primary(const grammar::ast::Primary& p);
    core::Expr number(const grammar::ast::Number& n) const;
    core::Expr name(const grammar::ast::Name& n);
    core::Expr call(const grammar::ast::Call& c);
    [[noreturn]] void fail_limit(std::size_t byte, const std::string& message) const;

    // Runs a core constructor; an error it throws without a place gets this node's place.
    template <typename Build>
    core::Expr located(std::size_t offset, Build&& build) const;

    std::string_view text_;
    Resolver* resolver_;
    Resolver language_;
    core::Expr minus_one_;
};

// The byte offset where a node of the tree starts.
std::size_t offset_of(const boost::spirit::x3::position_tagged& node);
std::size_t offset_of(const grammar::ast::Sum& s);
std::size_t offset_of(const grammar::ast::Argument& a);
std::size_t offset_of(const grammar::ast::Primary& p);

// The primary a sum consists of alone (`x`, `3`, `[a, b]`, `%2`), without signs, operators or
// exponents; else null.
const grammar::ast::Primary* sole_primary(const grammar::ast::Sum& s);

// True for the names of the built-in functions, including sqrt, pow and log(x, b).
bool is_function_name(std::string_view name);

}  // namespace nabla::parse

// ast.hpp — the parse tree of one expression, position-tagged; knows nothing of nabla::core.
//
// Chains are flat lists (a sum of products, a product of operands, a power with its list of
// exponents) so that lowering walks them with loops; only parentheses and calls nest.
// Positions: ErrorHandler::tag stores byte offsets into the source in id_first/id_last.
#pragma once

#include <boost/spirit/home/x3/support/ast/position_tagged.hpp>
#include <boost/spirit/home/x3/support/ast/variant.hpp>
#include <boost/optional.hpp>

#include <string>
#include <utility>
#include <vector>

namespace nabla::grammar::ast {

namespace x3 = boost::spirit::x3;

// A number literal as written: "12", "1.5", ".5", "2.", "2.5e-3".
struct Number : x3::position_tagged {
    Number(std::string text = {}) : text(std::move(text)) {}
    std::string text;
};

// An identifier used as an operand: a variable or a constant (pi, e).
struct Name : x3::position_tagged {
    Name(std::string name = {}) : name(std::move(name)) {}
    std::string name;
};

// %12: a REPL result, by number. The expression language itself has none (parse::Lowering
// rejects it unless a Resolver gives it a value).
struct Reference : x3::position_tagged {
    Reference(std::string digits = {}) : digits(std::move(digits)) {}
    std::string digits;
};

struct Call;
struct Sum;
struct List;

// An atom: a number, a name, a call, a parenthesised sum, a result reference, or a [..] list
// (only the REPL's operations take lists; anywhere else the lowering rejects them).
struct Primary : x3::variant<Number, Name, x3::forward_ast<Call>, x3::forward_ast<Sum>, Reference,
                             x3::forward_ast<List>> {
    using base_type::base_type;
    using base_type::operator=;
};

// One "^ signs primary" step of a power; the signs apply to the rest of the chain.
struct Exponent {
    std::string signs;  // '+' and '-' characters
    Primary base;
};

// base ^ e1 ^ e2 ...: right-associative, folded in lowering.
struct Power {
    Primary base;
    std::vector<Exponent> exponents;
};

// Unary signs applied to a power: -x^2 is -(x^2).
struct Unary : x3::position_tagged {
    std::string signs;
    Power power;
};

// One step of a product chain: op is '*', '/', or ' ' for implicit multiplication.
struct ProductOp {
    char op = ' ';
    Unary operand;
};

struct Product {
    Unary first;
    std::vector<ProductOp> rest;
};

// One step of a sum chain: op is '+' or '-'.
struct SumOp {
    char op = '+';
    Product operand;
};

// An expression: the loosest-binding chain.
struct Sum {
    Product first;
    std::vector<SumOp> rest;
};

// name = value, or name = low:high, as an argument: eval(f, x = 1), :plot f x=-3:3. Only the
// REPL's operations take bindings; anywhere else the lowering rejects them.
struct Binding : x3::position_tagged {
    std::string name;
    Sum value;
    boost::optional<Sum> upper;  // the high end of a range
};

// An argument of a call or an item of a list.
struct Argument : x3::variant<Sum, Binding> {
    using base_type::base_type;
    using base_type::operator=;
};

// name(args...): resolved to a function only in lowering, so unknown names get a clear error.
struct Call : x3::position_tagged {
    std::string name;
    std::vector<Argument> args;
};

// [a, b, ...]
struct List : x3::position_tagged {
    List(std::vector<Argument> items = {}) : items(std::move(items)) {}
    std::vector<Argument> items;
};

// ---- the REPL's statements (grammar/statement.cpp) ----

// :name and the text after it, which each command reads in its own way.
struct Command : x3::position_tagged {
    Command(std::string name = {}) : name(std::move(name)) {}
    std::string name;
};

// name = body, or name(params) = body.
struct Definition : x3::position_tagged {
    Name name;
    std::vector<Name> params;  // empty for a variable
    Sum body;
};

struct Statement : x3::variant<Sum, Command, Definition> {
    using base_type::base_type;
    using base_type::operator=;
};

}  // namespace nabla::grammar::ast

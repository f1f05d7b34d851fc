// ast.hpp — the parse tree of one expression, position-tagged; knows nothing of nabla::core.
//
// Chains are flat lists (a sum of products, a product of operands, a power with its list of
// exponents) so that lowering walks them with loops; only parentheses and calls nest.
// Positions: ErrorHandler::tag stores byte offsets into the source in id_first/id_last.
#pragma once

#include <boost/spirit/home/x3/support/ast/position_tagged.hpp>
#include <boost/spirit/home/x3/support/ast/variant.hpp>

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

struct Call;
struct Sum;

// An atom: a number, a name, a call, or a parenthesised sum.
struct Primary : x3::variant<Number, Name, x3::forward_ast<Call>, x3::forward_ast<Sum>> {
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

// name(args...): resolved to a function only in lowering, so unknown names get a clear error.
struct Call : x3::position_tagged {
    std::string name;
    std::vector<Sum> args;
};

}  // namespace nabla::grammar::ast

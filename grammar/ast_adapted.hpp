// ast_adapted.hpp — Boost.Fusion adaptation of the parse tree, so X3 can fill its structs.
#pragma once

#include "grammar/ast.hpp"

#include <boost/fusion/include/adapt_struct.hpp>

BOOST_FUSION_ADAPT_STRUCT(nabla::grammar::ast::Exponent, signs, base)
BOOST_FUSION_ADAPT_STRUCT(nabla::grammar::ast::Power, base, exponents)
BOOST_FUSION_ADAPT_STRUCT(nabla::grammar::ast::Unary, signs, power)
BOOST_FUSION_ADAPT_STRUCT(nabla::grammar::ast::ProductOp, op, operand)
BOOST_FUSION_ADAPT_STRUCT(nabla::grammar::ast::Product, first, rest)
BOOST_FUSION_ADAPT_STRUCT(nabla::grammar::ast::SumOp, op, operand)
BOOST_FUSION_ADAPT_STRUCT(nabla::grammar::ast::Sum, first, rest)
BOOST_FUSION_ADAPT_STRUCT(nabla::grammar::ast::Call, name, args)
BOOST_FUSION_ADAPT_STRUCT(nabla::grammar::ast::Binding, name, value, upper)
BOOST_FUSION_ADAPT_STRUCT(nabla::grammar::ast::Definition, name, params, body)

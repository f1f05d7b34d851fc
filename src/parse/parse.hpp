// parse.hpp — text of the expression language -> canonical core expression.
#pragma once

#include "core/expr.hpp"

#include <string_view>

namespace nabla::parse {

// Parses one expression of the language (see grammar/nabla.ebnf). Throws nabla::ParseError,
// or nabla::LimitError / nabla::DomainError, whose position() is the 0-based character
// (Unicode code point, not byte) offset in `text` where it went wrong; a LimitError on the
// length of the whole input has no position.
core::Expr parse(std::string_view text);

// True when `name` is an identifier of the language usable as a variable:
// [A-Za-z_][A-Za-z0-9_]*, and neither a constant (pi, e) nor a function name.
bool is_variable_name(std::string_view name);

}  // namespace nabla::parse

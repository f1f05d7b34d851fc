// partials.hpp — the partial derivatives of functions.def, parsed once and instantiated.
#pragma once

#include "core/expr.hpp"

#include <optional>
#include <span>
#include <string>

namespace nabla::diff {

// The partial derivative of f(args) with respect to argument `which`, instantiated.
core::Expr function_partial(core::Func f, std::size_t which, std::span<const core::Expr> args);

}  // namespace nabla::diff

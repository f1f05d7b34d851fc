// rules.hpp — the derivative table of derivatives.def, parsed once and applied by name.
#pragma once

#include "core/expr.hpp"

#include <optional>
#include <span>
#include <string>

namespace nabla::diff {

// True when every built-in function has a derivative row (tested, so a new function
// cannot be added without its derivative).
bool has_rule(core::Func f);

// The partial derivative of f(args) with respect to argument `which`, instantiated.
core::Expr function_partial(core::Func f, std::size_t which, std::span<const core::Expr> args);

}  // namespace nabla::diff

// canonical_check.hpp — the invariants of canonical form, checked on every new node when nabla
// is built with NABLA_CHECK_CANONICAL (on in Debug and in the sanitizer build).
#pragma once

#include "core/expr.hpp"

#include <span>

namespace nabla::core {

// Throws InternalError naming the broken rule when a node of `kind` with these arguments is
// not canonical: a sum or product with fewer than two arguments, nested, unsorted, with a
// misplaced or trivial number; a power with a trivial base or exponent.
void check_canonical(Kind kind, std::span<const Expr> args);

}  // namespace nabla::core

// terms.hpp — short spellings for building test expressions by hand.
#pragma once

#include "core/build.hpp"

namespace nabla::testing::terms {

using core::Expr;
using core::Func;

inline const Expr x = core::sym("x");
inline const Expr y = core::sym("y");
inline const Expr pi = core::constant(core::Constant::Pi);

inline Expr q(long p, long d = 1) { return core::num(p, d); }
inline Expr f(Func fn, const Expr& a) { return core::call(fn, a); }
inline Expr f(Func fn, const Expr& a, const Expr& b) { return core::call(fn, a, b); }
inline Expr sqrt_of(const Expr& a) { return core::pow(a, q(1, 2)); }

}  // namespace nabla::testing::terms

// nabla.hpp — the C++ library in one include: parse, build, differentiate, evaluate, print.
#pragma once

#include "core/build.hpp"     // canonical constructors: core::sym, core::num, core::add, ...
#include "core/error.hpp"     // nabla::Error and its kinds
#include "core/expr.hpp"      // core::Expr, the hash-consed expression handle
#include "diff/calculus.hpp"  // diff::gradient, diff::jacobian, diff::hessian, diff::partial
#include "diff/diff.hpp"      // diff::derivative, diff::Differentiator
#include "diff/steps.hpp"     // diff::derivation: the step-by-step rules
#include "eval/eval.hpp"      // eval::evaluate (exact where possible), eval::Compiled
#include "parse/parse.hpp"    // parse::parse
#include "print/print.hpp"    // print::infix, print::latex, print::json_tree
#include "simplify/algebra.hpp"   // simplify::expand, together, cancel, factor, collect
#include "simplify/simplify.hpp"  // simplify::simplify: cancel, trig and exp-log rewrites

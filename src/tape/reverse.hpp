// reverse.hpp — reverse-mode (adjoint) gradient of a tape value, appended to the tape.
#pragma once

#include "tape/program.hpp"

#include <vector>

namespace nabla::tape {

// Appends to `program` the reverse sweep of `f` over the instructions it depends on and
// returns df/dx_v for every variable v. Parameters are held constant: neither they nor
// anything computed from them alone get an adjoint. Each instruction of f contributes a
// fixed number of new instructions, so the gradient costs a small constant times the value
// whatever the number of inputs. Arithmetic follows the sum, product, quotient and power
// rules; a function's local derivatives are its partials in core/functions.def, lowered over
// the slots of its arguments, kinks included: abs'(0) = sign(0) = 0, relu'(0) = heaviside(0) =
// 1/2, min and max split ties in halves.
std::vector<Ref> reverse_gradient(Program& program, Ref f);

}  // namespace nabla::tape

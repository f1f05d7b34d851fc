// adjoint.hpp — reverse-mode (adjoint) gradient of a program value, appended to the program.
#pragma once

#include "codegen/program.hpp"

#include <vector>

namespace nabla::codegen {

// Appends to `program` the reverse sweep of `f` over the instructions it depends on and
// returns df/dx_v for every variable v. Parameters are held constant: neither they nor
// anything computed from them alone get an adjoint. Each instruction of f contributes a
// fixed number of new instructions, so the gradient costs a small constant times the value
// whatever the number of inputs. Local derivatives follow src/diff/derivatives.def, kinks
// included: abs'(0) = sign(0) = 0, relu'(0) = heaviside(0) = 1/2, min and max split ties in
// halves.
std::vector<Ref> adjoint_gradient(Program& program, Ref f);

}  // namespace nabla::codegen

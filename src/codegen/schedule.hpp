// schedule.hpp — an evaluation order that keeps few values live, so compilers spill less.
#pragma once

#include "tape/program.hpp"

#include <span>
#include <vector>

namespace nabla::codegen {

// The slots that `live` marks (constants excepted, inputs included as loads), in an order
// where every operand comes before its users. A greedy list scheduler: among the ready
// instructions it takes the one that ends the most live ranges (an operand's last use) net
// of the value it creates, then the earliest in program order. Straight-line code from a
// DAG's post-order otherwise computes all 198 terms of a Rosenbrock sum before adding any,
// and a compiler that does not reschedule before register allocation (GCC on x86) spills
// most of them.
// `outputs` are the values the code stores, in order; ties go to the depth-first order from
// them. `kept` are values needed after the last instruction (a returned value).
std::vector<tape::Slot> schedule(const tape::Program& p, const std::vector<bool>& live, std::span<const tape::Slot> outputs,
                           std::span<const tape::Slot> kept);

}  // namespace nabla::codegen

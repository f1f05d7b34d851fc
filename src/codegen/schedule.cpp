// schedule.cpp — greedy register-pressure list scheduling of a program's live instructions.
#include "codegen/schedule.hpp"

#include <algorithm>
#include <functional>
#include <queue>

namespace nabla::codegen {

using tape::Instr;
using tape::Op;
using tape::Program;
using tape::Slot;

namespace {

// The distinct operand slots of an instruction, constants excluded.
std::vector<Slot> operands(const Program& p, Slot s) {
    const Instr& in = p[s];
    std::vector<Slot> ops;
    switch (in.op) {
    case Op::Input:
    case Op::Const: return ops;
    case Op::Neg:
    case Op::Sqrt:
    case Op::Cbrt:
    case Op::PowInt:
    case Op::PowFrac: ops = {in.a}; break;
    case Op::Call:
        ops = {in.a};
        if (core::func_arity(in.func) == 2) ops.push_back(in.b);
        break;
    default: ops = {in.a, in.b}; break;
    }
    std::erase_if(ops, [&](Slot o) { return p.is_const(o); });
    if (ops.size() == 2 && ops[0] == ops[1]) ops.pop_back();
    return ops;
}

// Depth-first post-order from the outputs: where each instruction comes when every value is
// computed right before its first use. The later-built operand is visited first: in a chain
// ((a + b) + c) + d that is the chain, so terms come in the order they are added.
std::vector<Slot> depth_first_positions(std::vector<std::vector<Slot>> ops, std::span<const Slot> roots) {
    for (auto& o : ops) std::sort(o.begin(), o.end(), std::greater<>());
    std::vector<Slot> position(ops.size(), static_cast<Slot>(ops.size()));
    std::vector<bool> seen(ops.size(), false);
    Slot next = 0;
    std::vector<std::pair<Slot, std::size_t>> stack;
    for (Slot root : roots) {
        if (seen[root]) continue;
        seen[root] = true;
        stack.push_back({root, 0});
        while (!stack.empty()) {
            auto& [s, k] = stack.back();
            if (k < ops[s].size()) {
                const Slot o = ops[s][k++];
                if (!seen[o]) {
                    seen[o] = true;
                    stack.push_back({o, 0});  // invalidates s and k
                }
                continue;
            }
            position[s] = next++;
            stack.pop_back();
        }
    }
    return position;
}

}  // namespace

std::vector<Slot> schedule(const Program& p, const std::vector<bool>& live, std::span<const Slot> outputs,
                           std::span<const Slot> kept) {
    const std::size_t n = p.size();
    std::vector<std::vector<Slot>> ops(n), users(n);
    std::vector<int> pending(n, 0);   // operands not yet scheduled
    std::vector<int> remaining(n, 0);  // users not yet scheduled (+1 if kept to the end)
    for (Slot s = 0; s < n; ++s) {
        if (!live[s] || p.is_const(s)) continue;
        ops[s] = operands(p, s);
        pending[s] = static_cast<int>(ops[s].size());
        for (Slot o : ops[s]) {
            users[o].push_back(s);
            ++remaining[o];
        }
    }
    for (Slot k : kept) ++remaining[k];

    std::vector<bool> done(n, false);
    auto score = [&](Slot s) {
        int freed = 0;
        for (Slot o : ops[s]) freed += remaining[o] == 1;
        return freed - (remaining[s] > 0 ? 1 : 0);
    };
    std::vector<Slot> roots(outputs.begin(), outputs.end());
    roots.insert(roots.end(), kept.begin(), kept.end());
    std::erase_if(roots, [&](Slot r) { return p.is_const(r); });
    const std::vector<Slot> position = depth_first_positions(ops, roots);
    // Highest score first, then earliest position; stale entries are skipped when popped.
    struct Entry {
        int score;
        Slot position, slot;
    };
    auto later = [](const Entry& a, const Entry& b) {
        if (a.score != b.score) return a.score < b.score;
        return a.position != b.position ? a.position > b.position : a.slot > b.slot;
    };
    std::priority_queue<Entry, std::vector<Entry>, decltype(later)> ready(later);
    auto push = [&](Slot s) { ready.push({score(s), position[s], s}); };
    for (Slot s = 0; s < n; ++s)
        if (live[s] && !p.is_const(s) && pending[s] == 0) push(s);

    std::vector<Slot> order;
    while (!ready.empty()) {
        const auto [sc, pos, s] = ready.top();
        ready.pop();
        if (done[s] || sc != score(s)) continue;
        done[s] = true;
        order.push_back(s);
        for (Slot o : ops[s]) {
            --remaining[o];
            if (remaining[o] == 1)  // the last user of o now frees it: rescore it if ready
                for (Slot u : users[o])
                    if (!done[u] && pending[u] == 0) push(u);
        }
        for (Slot u : users[s])
            if (--pending[u] == 0) push(u);
    }
    return order;
}

}  // namespace nabla::codegen

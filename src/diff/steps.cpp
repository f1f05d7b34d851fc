// steps.cpp — the differentiator's record laid out for reading: outermost first, depth-first.
#include "diff/steps.hpp"

namespace nabla::diff {

Derivation derivation(const core::Expr& f, const core::Expr& x) {
    Record record;
    Derivation out{f, x, Differentiator(x, &record)(f), {}};
    // Depth-first from f through each step's placeholders, with an explicit stack (the input
    // may be thousands of levels deep); taking a step out of the record shows it only once.
    std::vector<std::pair<core::Expr, int>> stack{{f, 0}};
    while (!stack.empty()) {
        auto [e, depth] = std::move(stack.back());
        stack.pop_back();
        if (!record.find(e)) continue;
        Step step = record.take(e);
        for (auto it = step.placeholders.rbegin(); it != step.placeholders.rend(); ++it)
            stack.emplace_back(it->second, depth + 1);
        out.lines.push_back({std::move(step), depth});
    }
    return out;
}

}  // namespace nabla::diff

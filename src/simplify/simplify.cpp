// simplify.cpp — the driver: bottom-up passes over the DAG, trying each enabled rule per node.
#include "simplify/simplify.hpp"

#include "core/build.hpp"
#include "core/error.hpp"
#include "core/traverse.hpp"
#include "simplify/algebra.hpp"
#include "simplify/rules.hpp"

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <utility>

namespace nabla::simplify {

namespace {

using core::Expr;
using core::Kind;

using RuleFn = std::optional<Expr> (*)(const Expr&);

constexpr RuleInfo rule_infos[] = {
#define NABLA_RULE(group, name, fn) RuleInfo{group, name},
#include "simplify/rulesets.def"
#undef NABLA_RULE
};

constexpr RuleFn rule_functions[] = {
#define NABLA_RULE(group, name, fn) &fn,
#include "simplify/rulesets.def"
#undef NABLA_RULE
};

constexpr std::size_t rule_count = std::size(rule_infos);

// Tree sizes, memoised across a whole simplify call. Keys are held so nodes outlive the memo.
class TreeSizes {
public:
    double of(const Expr& root) {
        if (auto it = memo_.find(root); it != memo_.end()) return it->second;
        const Expr roots[] = {root};
        core::post_order(
            roots,
            [&](const Expr& e) {
                double size = 1;
                for (const Expr& a : e.args()) size += memo_.at(a);
                memo_.emplace(e, size);
            },
            [&](const Expr& e) { return !memo_.contains(e); });
        return memo_.at(root);
    }

private:
    std::unordered_map<Expr, double> memo_;
};

// The distinct nodes below `root`, children before parents.
std::vector<Expr> post_order(const Expr& root) {
    std::vector<Expr> order;
    const Expr roots[] = {root};
    core::post_order(roots, [&](const Expr& e) { order.push_back(e); });
    return order;
}

class Driver {
public:
    Driver(const SimplifyOptions& options, SimplifyTrace* trace) : options_(options), trace_(trace) {
        for (std::size_t i = 0; i < rule_count; ++i)
            enabled_[i] = options.groups.empty();
        for (const std::string& g : options.groups) {
            bool known = false;
            for (std::size_t i = 0; i < rule_count; ++i) {
                if (rule_infos[i].group == g) {
                    enabled_[i] = true;
                    known = true;
                }
            }
            if (!known) throw Error("unknown rule group '" + g + "' (known: " + group_list() + ")");
        }
    }

    Expr run(const Expr& input) {
        Expr current = input;
        StopReason stop = StopReason::PassLimit;
        for (std::size_t pass = 0; pass < options_.max_passes; ++pass) {
            Expr next = one_pass(current);
            if (next == current) {
                stop = StopReason::Fixpoint;
                break;
            }
            current = std::move(next);
        }
        if (trace_) trace_->stop = stop;
        current = smallest_algebraic_form(current);
        // Every accepted step shrank its node, but a canonical rebuild may tie: keep the input.
        return sizes_.of(current) < sizes_.of(input) ? current : input;
    }

private:
    static std::string group_list() {
        std::string out;
        for (std::size_t i = 0; i < rule_count; ++i) {
            if (i > 0 && rule_infos[i].group == rule_infos[i - 1].group) continue;
            if (!out.empty()) out += ", ";
            out += rule_infos[i].group;
        }
        return out;
    }

    // The whole expression expanded, cancelled or put over one denominator, when that is
    // smaller: (x + 1)^2 - x^2 - 2*x - 1 is 0. Past a polynomial limit an operation is skipped.
    Expr smallest_algebraic_form(const Expr& e) {
        using Operation = Expr (*)(const Expr&);
        static constexpr std::pair<Operation, std::string_view> operations[] = {
            {&expand, "expand"}, {&cancel, "cancel"}, {&together, "together"}};
        Expr best = e;
        for (const auto& [operation, name] : operations) {
            std::optional<Expr> candidate;
            try {
                candidate = operation(e);
            } catch (const DomainError&) {
                continue;  // a denominator that is 0 once expanded: keep it as written
            } catch (const LimitError&) {
                continue;
            }
            if (sizes_.of(*candidate) < sizes_.of(best)) {
                best = std::move(*candidate);
                if (trace_) trace_->fired.emplace_back(name);
            }
        }
        return best;
    }

    Expr one_pass(const Expr& root) {
        std::unordered_map<Expr, Expr> done;
        for (const Expr& e : post_order(root)) done.emplace(e, simplify_node(e, done));
        return done.at(root);
    }

    // `e` with its arguments replaced by their simplified forms, then rewritten by rules.
    Expr simplify_node(const Expr& e, const std::unordered_map<Expr, Expr>& done) {
        if (e.args().empty()) return e;
        std::vector<Expr> args;
        bool changed = false;
        for (const Expr& a : e.args()) {
            args.push_back(done.at(a));
            changed = changed || !(args.back() == a);
        }
        Expr current = e;
        if (changed) {
            try {
                Expr rebuilt = core::rebuild(e, std::move(args));
                if (sizes_.of(rebuilt) <= sizes_.of(e)) current = std::move(rebuilt);
            } catch (const DomainError&) {
                // A simplified argument made the node undefined (1/0): keep it as written.
            } catch (const LimitError&) {
                // The rebuilt node is too large: keep it as written.
            }
        }
        return apply_rules(current);
    }

    Expr apply_rules(Expr current) {
        for (std::size_t round = 0; round < options_.max_rewrites_per_node; ++round) {
            bool fired = false;
            for (std::size_t i = 0; i < rule_count && !fired; ++i) {
                if (!enabled_[i]) continue;
                std::optional<Expr> candidate;
                try {
                    candidate = rule_functions[i](current);
                } catch (const DomainError&) {
                    continue;  // an exact domain error while rebuilding: no rewrite
                } catch (const LimitError&) {
                    continue;  // a limit while rebuilding: no rewrite
                }
                if (!candidate || !(sizes_.of(*candidate) < sizes_.of(current))) continue;
                current = std::move(*candidate);
                fired = true;
                if (trace_) trace_->fired.emplace_back(rule_infos[i].name);
            }
            if (!fired) break;
        }
        return current;
    }

    const SimplifyOptions& options_;
    SimplifyTrace* trace_;
    bool enabled_[rule_count] = {};
    TreeSizes sizes_;
};

}  // namespace

std::span<const RuleInfo> rule_table() { return rule_infos; }

Expr simplify(const Expr& e) { return simplify(e, SimplifyOptions{}); }

Expr simplify(const Expr& e, const SimplifyOptions& options, SimplifyTrace* trace) {
    if (trace) *trace = SimplifyTrace{};
    return Driver(options, trace).run(e);
}

}  // namespace nabla::simplify

// cse.cpp — let-bindings for shared and long sub-expressions, in time linear in the DAG.
//
// The walk follows the nodes the infix printer actually asks for, which are not always the
// stored arguments: a factor x^-2 of a product prints as the denominator x^2, so the
// "display children" of a product are as_fraction's numerator and denominator factors.
// Counting uses over those edges makes every bound name appear at each of its uses.
// Pass 1 collects that display DAG in post-order and counts uses; pass 2 prints each node
// once, its already printed children standing in by name (bound) or by text (used once,
// short), and binds it when it is used twice or its text is long.
#include "print/cse.hpp"

#include "core/error.hpp"
#include "print/layout.hpp"

#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace nabla::print {
namespace {

using core::Expr;
using core::Kind;

// A non-root sub-expression whose text is longer than this gets a name of its own.
constexpr std::size_t max_inline_chars = 80;

struct Entry {
    Expr node;               // keeps display nodes made here (x^2 for x^-2) alive
    std::vector<Expr> kids;  // display children that are not atoms
    std::size_t uses = 0;    // display edges into the node, plus one per root it is
    bool root = false;
    bool printed = false;    // `piece` is set
    InfixPiece piece{{}, InfixPrec::Atom};  // the name when bound, else the node's own infix
};

bool is_atom(const Expr& e) { return e.args().empty(); }

// The non-atom nodes the infix printer asks for when it prints `e`'s top node.
std::vector<Expr> display_children(const Expr& e) {
    std::vector<Expr> out;
    auto keep = [&](const Expr& k) {
        if (!is_atom(k)) out.push_back(k);
    };
    const bool reciprocal = e.is(Kind::Pow) && e.arg(1).is_number() && sgn(e.arg(1).value()) < 0;
    if (e.is(Kind::Mul) || reciprocal) {
        const Fraction f = as_fraction(e);
        for (const Expr& k : f.numerator) keep(k);
        for (const Expr& k : f.denominator) keep(k);
    } else if (is_sqrt(e)) {
        keep(e.arg(0));
    } else {
        for (const Expr& k : e.args()) keep(k);
    }
    return out;
}

bool is_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

class Cse {
public:
    std::string run(std::span<const Expr> roots, std::span<const std::string> labels) {
        NABLA_ASSERT(labels.empty() || labels.size() == roots.size(), "cse: one label per root");
        for (const Expr& r : roots) collect(r);
        choose_prefix(labels);
        for (std::size_t i : order_) print_node(i);
        for (std::size_t k = 0; k < roots.size(); ++k) {
            const Expr& r = roots[k];
            out_ += labels.empty() ? "r" + std::to_string(k + 1) : labels[k];
            out_ += " = ";
            out_ += is_atom(r) ? infix_with(r, lookup_).text : entries_[index_.at(r.id())].piece.text;
            out_ += '\n';
        }
        return std::move(out_);
    }

private:
    // Pass 1: the display DAG below `root`, post-order of first visit, with use counts.
    void collect(const Expr& root) {
        if (is_atom(root)) {
            note_symbol(root);
            return;
        }
        const std::size_t top = visit(root);
        entries_[top].root = true;
        ++entries_[top].uses;
        if (!pending_[top]) return;
        pending_[top] = false;
        std::vector<std::pair<std::size_t, std::size_t>> stack{{top, 0}};  // entry, next kid
        while (!stack.empty()) {
            const std::size_t i = stack.back().first;
            const std::size_t next = stack.back().second++;
            if (next < entries_[i].kids.size()) {
                const Expr kid = entries_[i].kids[next];  // a copy: visit() may grow entries_
                const std::size_t k = visit(kid);
                ++entries_[k].uses;
                if (pending_[k]) {
                    pending_[k] = false;
                    stack.emplace_back(k, 0);
                }
            } else {
                order_.push_back(i);
                stack.pop_back();
            }
        }
    }

    // The entry of a non-atom node, made (with its display children) on first sight.
    std::size_t visit(const Expr& e) {
        auto [it, fresh] = index_.emplace(e.id(), entries_.size());
        if (!fresh) return it->second;
        Entry entry;
        entry.node = e;
        entry.kids = display_children(e);
        for (const Expr& a : e.args())
            if (a.is(Kind::Symbol)) note_symbol(a);
        entries_.push_back(std::move(entry));
        pending_.push_back(true);
        return it->second;
    }

    void note_symbol(const Expr& e) {
        if (e.is(Kind::Symbol)) names_.insert(e.name());
    }

    // "t", or "t_", "t__", ... when a symbol or a label has the form prefix + digits.
    void choose_prefix(std::span<const std::string> labels) {
        auto clashes = [&](std::string_view name) {
            return name.starts_with(prefix_) && is_digits(name.substr(prefix_.size()));
        };
        for (bool clash = true; clash;) {
            clash = false;
            for (std::string_view n : names_) clash = clash || clashes(n);
            for (const std::string& n : labels) clash = clash || clashes(n);
            if (clash) prefix_ += '_';
        }
    }

    // Pass 2: the node's infix over its printed children; bound when shared or long.
    void print_node(std::size_t i) {
        Entry& entry = entries_[i];
        InfixPiece piece = infix_with(entry.node, lookup_);
        const bool shared = entry.uses > 1;
        const bool long_inside = !entry.root && piece.text.size() > max_inline_chars;
        if (shared || long_inside) {
            std::string name = prefix_ + std::to_string(++bound_);
            out_ += name + " = " + piece.text + '\n';
            piece = {std::move(name), InfixPrec::Atom};
        }
        entry.piece = std::move(piece);
        entry.printed = true;
    }

    const InfixPiece* find_printed(const Expr& e) const {
        auto it = index_.find(e.id());
        if (it == index_.end() || !entries_[it->second].printed) return nullptr;
        return &entries_[it->second].piece;
    }

    std::vector<Entry> entries_;
    std::vector<bool> pending_;  // not yet pushed on the pass-1 stack
    std::unordered_map<const core::Node*, std::size_t> index_;
    std::vector<std::size_t> order_;
    std::unordered_set<std::string_view> names_;  // symbol names; the nodes outlive the run
    std::string prefix_ = "t";
    std::size_t bound_ = 0;
    std::string out_;
    const InfixLookup lookup_ = [this](const Expr& e) { return find_printed(e); };
};

}  // namespace

std::string cse(std::span<const Expr> roots, std::span<const std::string> root_labels) {
    return Cse().run(roots, root_labels);
}

}  // namespace nabla::print

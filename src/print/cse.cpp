// cse.cpp — let-bindings for shared and long sub-expressions, in time linear in the DAG.
//
// The walk follows the display DAG (cse.hpp): the nodes the infix printer actually asks
// for, which are not always the stored arguments (a factor x^-2 prints as the denominator
// x^2, a term -2*y of a sum as "- 2*y"). Counting uses over those edges makes every bound
// name appear at each of its uses. Each node is printed once, children first, its children
// standing in by name (bound) or by their text (used once and short), and it is bound when
// it is used more than once or its text is long.
#include "print/cse.hpp"

#include "core/build.hpp"
#include "core/error.hpp"
#include "core/traverse.hpp"
#include "print/layout.hpp"

#include <unordered_set>
#include <utility>

namespace nabla::print {
namespace {

using core::Expr;
using core::Kind;

// A non-root sub-expression whose text is longer than this gets a name of its own.
constexpr std::size_t max_inline_chars = 80;

bool is_atom(const Expr& e) { return e.args().empty(); }

bool is_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

class Cse {
public:
    Cse(std::span<const Expr> roots, std::span<const std::string> labels)
        : roots_(roots), labels_(labels), dag_(display_dag(roots)), pieces_(dag_.nodes.size()) {
        NABLA_ASSERT(labels.empty() || labels.size() == roots.size(), "cse: one label per root");
    }

    std::string run() {
        choose_prefix();
        for (std::size_t i = 0; i < dag_.nodes.size(); ++i) bind(i);
        for (std::size_t k = 0; k < roots_.size(); ++k) {
            if (labels_.empty()) {
                out_ += 'r';
                out_ += std::to_string(k + 1);
            } else {
                out_ += labels_[k];
            }
            out_ += " = ";
            const std::size_t i = dag_.roots[k];
            out_ += i == DisplayDag::npos ? infix_with(roots_[k], lookup_).text : pieces_[i].text;
            out_ += '\n';
        }
        return std::move(out_);
    }

private:
    // "t", or "t_", "t__", ... while a symbol or a label has the form prefix + digits.
    void choose_prefix() {
        std::unordered_set<std::string_view> names(labels_.begin(), labels_.end());
        auto note = [&](const Expr& e) {
            if (e.is(Kind::Symbol)) names.insert(e.name());
        };
        for (const Expr& r : roots_) note(r);
        for (const DisplayDag::Node& n : dag_.nodes)
            for (const Expr& a : n.expr.args()) note(a);
        auto clashes = [&] {
            for (std::string_view n : names)
                if (n.starts_with(prefix_) && is_digits(n.substr(prefix_.size()))) return true;
            return false;
        };
        while (clashes()) prefix_ += '_';
    }

    // The node's infix over its children's pieces; a name when shared or long.
    void bind(std::size_t i) {
        const DisplayDag::Node& node = dag_.nodes[i];
        InfixPiece piece = infix_with(node.expr, lookup_);
        if (node.uses > 1 || (!node.root && piece.text.size() > max_inline_chars)) {
            std::string name = prefix_ + std::to_string(++bound_);
            out_ += name + " = " + piece.text + '\n';
            piece = {std::move(name), InfixPrec::Atom};
        }
        pieces_[i] = std::move(piece);
    }

    const InfixPiece* piece_of(const Expr& e) const {
        auto it = dag_.index.find(e.id());
        NABLA_ASSERT(it != dag_.index.end(), "cse: the printer asked for a node off the display DAG");
        return &pieces_[it->second];
    }

    std::span<const Expr> roots_;
    std::span<const std::string> labels_;
    DisplayDag dag_;
    std::vector<InfixPiece> pieces_;  // per DAG node once printed: its name, or its own text
    std::string prefix_ = "t";
    std::size_t bound_ = 0;
    std::string out_;
    const InfixLookup lookup_ = [this](const Expr& e) { return piece_of(e); };
};

}  // namespace

std::vector<Expr> display_children(const Expr& e) {
    std::vector<Expr> out;
    auto keep = [&](Expr k) {
        if (!is_atom(k)) out.push_back(std::move(k));
    };
    switch (e.kind()) {
    case Kind::Number: case Kind::Symbol: case Kind::Constant: break;
    case Kind::Add: {
        bool first = true;
        for (const Expr& t : display_terms(e)) {
            keep(!first && core::reads_negative(t) ? core::neg(t) : t);
            first = false;
        }
        break;
    }
    case Kind::Pow:
        if (is_sqrt(e)) {
            keep(e.arg(0));
            break;
        }
        if (!(e.arg(1).is_number() && sgn(e.arg(1).value()) < 0)) {
            keep(e.arg(0));
            keep(e.arg(1));
            break;
        }
        [[fallthrough]];  // x^-n prints as the product 1/x^n
    case Kind::Mul: {
        const Fraction f = as_fraction(e);
        for (const Expr& k : f.numerator) keep(k);
        for (const Expr& k : f.denominator) keep(k);
        break;
    }
    case Kind::Call:
        for (const Expr& a : e.args()) keep(a);
        break;
    }
    return out;
}

DisplayDag display_dag(std::span<const Expr> roots) {
    DisplayDag dag;
    std::vector<Expr> walked;
    for (const Expr& r : roots)
        if (!is_atom(r)) walked.push_back(r);
    core::post_order_by(walked, display_children, [&](const Expr& e, std::vector<Expr> kids) {
        DisplayDag::Node node{e, {}, 0, false};
        for (const Expr& k : kids) {
            const std::size_t position = dag.index.at(k.id());
            node.kids.push_back(position);
            ++dag.nodes[position].uses;
        }
        dag.index.emplace(e.id(), dag.nodes.size());
        dag.nodes.push_back(std::move(node));
    });
    for (const Expr& r : roots) {
        if (is_atom(r)) {
            dag.roots.push_back(DisplayDag::npos);
            continue;
        }
        const std::size_t position = dag.index.at(r.id());
        dag.roots.push_back(position);
        dag.nodes[position].root = true;
        ++dag.nodes[position].uses;
    }
    return dag;
}

std::string cse(std::span<const Expr> roots, std::span<const std::string> root_labels) {
    return Cse(roots, root_labels).run();
}

}  // namespace nabla::print

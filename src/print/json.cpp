// json.cpp — the expression as a JSON DAG: every distinct node once, children before parents.
//
// {"nodes":[{"op":"sym","name":"x"},{"op":"call","fn":"sin","args":[0]},...],"root":1}
// Node ops: num (value: exact rational as text, "3/2"), sym (name), const (name: pi or e),
// add / mul / pow (args: node indices), call (fn, args). Indices follow a post-order walk
// from the root, in argument order, counting each node at its first visit, so the same
// expression always gives the same text, and its size follows the DAG, not the tree.
#include "print/print.hpp"

#include "core/traverse.hpp"

#include <nlohmann/json.hpp>

#include <unordered_map>
#include <utility>

namespace nabla::print {
namespace {

using core::Expr;
using core::Kind;
using json = nlohmann::ordered_json;  // keys in the order written: "op" first

json node_json(const Expr& e, const std::unordered_map<const core::Node*, std::size_t>& index) {
    auto args = [&] {
        json a = json::array();
        for (const Expr& k : e.args()) a.push_back(index.at(k.id()));
        return a;
    };
    switch (e.kind()) {
    case Kind::Number: return {{"op", "num"}, {"value", e.value().get_str()}};
    case Kind::Symbol: return {{"op", "sym"}, {"name", e.name()}};
    case Kind::Constant: return {{"op", "const"}, {"name", e.constant() == core::Constant::Pi ? "pi" : "e"}};
    case Kind::Add: return {{"op", "add"}, {"args", args()}};
    case Kind::Mul: return {{"op", "mul"}, {"args", args()}};
    case Kind::Pow: return {{"op", "pow"}, {"args", args()}};
    case Kind::Call:
        return {{"op", "call"}, {"fn", std::string(core::func_name(e.func()))}, {"args", args()}};
    }
    return {};
}

}  // namespace

std::string json_tree(const Expr& e) {
    std::unordered_map<const core::Node*, std::size_t> index;  // node -> position in "nodes"
    json nodes = json::array();
    const Expr roots[] = {e};
    core::post_order(roots, [&](const Expr& done) {
        index.emplace(done.id(), nodes.size());
        nodes.push_back(node_json(done, index));
    });
    json out = {{"nodes", std::move(nodes)}, {"root", index.at(e.id())}};
    return out.dump();
}

}  // namespace nabla::print

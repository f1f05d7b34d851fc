// node.hpp — interning: how src/core finds or creates the unique node for a structure.
#pragma once

#include "core/expr.hpp"

namespace nabla::core {

// What identifies a node; looked up in the intern table without building a Node.
struct NodeKey {
    Kind kind;
    Func func = Func{};
    Constant constant = Constant{};
    std::span<const Expr> args{};
    const mpq_class* value = nullptr;
    std::string_view name{};
};

// Returns the unique node for `key`, creating it (moving `args` in) when it is new.
// `args` must hold the same handles as key.args.
Expr intern(const NodeKey& key, std::vector<Expr>&& args);

}  // namespace nabla::core

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

// Returns the unique node for `key`, creating it when it is new (with copies of key.args, so
// callers can keep their argument lists on the stack).
Expr intern(const NodeKey& key);

}  // namespace nabla::core

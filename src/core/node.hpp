// node.hpp — the interned node behind an Expr; private to src/core.
#pragma once

#include "core/expr.hpp"

namespace nabla::core {

struct Node {
    Kind kind;
    Func func;
    Constant constant;
    std::uint32_t depth;
    std::size_t hash;
    std::uint64_t symbol_mask;  // one bit per symbol occurring below, by name hash
    mutable std::uint32_t refs = 0;
    std::vector<Expr> args;
    mpq_class value;
    std::string name;
};

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

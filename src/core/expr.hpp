// expr.hpp — Expr: an immutable, hash-consed, reference-counted expression node handle.
//
// Every node is interned: two structurally equal expressions are the same node, so equality
// is a pointer comparison and memo tables key on `Expr::id()`. Nodes are freed when the last
// handle goes away. Nodes are built only through the canonicalizing constructors of build.hpp.
// The core is single-threaded: expressions must not be shared between threads.
#pragma once

#include <gmpxx.h>

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace nabla::core {

enum class Kind : std::uint8_t {
    Number,    // exact rational: value()
    Symbol,    // a variable: name()
    Constant,  // pi or e: constant()
    Add,       // n-ary sum, n >= 2; a Number term, if any, comes first
    Mul,       // n-ary product, n >= 2; a Number coefficient, if any, comes first
    Pow,       // args()[0] ^ args()[1]
    Call,      // built-in function func() applied to args()
};

enum class Constant : std::uint8_t { Pi, E };

enum class Func : std::uint8_t {
#define NABLA_FUNC(id, name, arity) id,
#include "core/kinds.def"
#undef NABLA_FUNC
};

inline constexpr int func_count = 0
#define NABLA_FUNC(id, name, arity) +1
#include "core/kinds.def"
#undef NABLA_FUNC
    ;

std::string_view func_name(Func f);
int func_arity(Func f);

struct Node;

class Expr {
public:
    Expr() = default;  // the null handle; only valid to assign to or test with is_null()
    explicit Expr(const Node* node);  // takes a new reference
    Expr(const Expr& other) noexcept;
    Expr(Expr&& other) noexcept : node_(other.node_) { other.node_ = nullptr; }
    Expr& operator=(const Expr& other) noexcept;
    Expr& operator=(Expr&& other) noexcept;
    ~Expr();

    bool is_null() const { return node_ == nullptr; }
    Kind kind() const;
    std::span<const Expr> args() const;
    const Expr& arg(std::size_t i) const { return args()[i]; }
    std::size_t size() const { return args().size(); }
    const mpq_class& value() const;   // Number only
    const std::string& name() const;  // Symbol only
    Func func() const;                // Call only
    Constant constant() const;        // Constant only
    std::size_t hash() const;
    std::uint32_t depth() const;  // 1 for atoms
    // A 64-bit summary of the symbols below: false from may_contain(x) proves that x does
    // not occur, which lets differentiation skip whole independent sub-expressions.
    std::uint64_t symbol_mask() const;
    bool may_contain(const Expr& symbol) const;
    const Node* id() const { return node_; }

    bool is(Kind k) const { return kind() == k; }
    bool is_number() const { return kind() == Kind::Number; }
    bool is_zero() const;
    bool is_one() const;
    bool is_minus_one() const;
    bool is_integer() const;  // a Number with denominator 1
    bool is_call(Func f) const { return kind() == Kind::Call && func() == f; }

    friend bool operator==(const Expr& a, const Expr& b) { return a.node_ == b.node_; }

private:
    const Node* node_ = nullptr;
};

// Total, deterministic order used for canonical argument order and printing:
// negative when a sorts before b. Independent of addresses, so output is reproducible.
int compare(const Expr& a, const Expr& b);

// Natural name order: digit runs compare as numbers, so x2 < x10.
bool natural_less(std::string_view a, std::string_view b);

// Number of distinct nodes reachable from the roots (DAG size) and of the unfolded tree.
std::size_t dag_size(std::span<const Expr> roots);
double tree_size(std::span<const Expr> roots);

std::uint64_t symbol_bit(std::string_view name);

// Number of live interned nodes in this process (for tests of bounded memory).
std::size_t live_nodes();

}  // namespace nabla::core

template <>
struct std::hash<nabla::core::Expr> {
    std::size_t operator()(const nabla::core::Expr& e) const noexcept { return e.hash(); }
};

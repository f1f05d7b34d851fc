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
#include <optional>
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
#define NABLA_FUNCTION(id, ...) id,
#include "core/functions.def"
#undef NABLA_FUNCTION
};

inline constexpr int func_count = 0
#define NABLA_FUNCTION(...) +1
#include "core/functions.def"
#undef NABLA_FUNCTION
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
    inline Kind kind() const;
    inline std::span<const Expr> args() const;
    const Expr& arg(std::size_t i) const { return args()[i]; }
    std::size_t size() const { return args().size(); }
    inline const mpq_class& value() const;   // Number only
    inline const std::string& name() const;  // Symbol only
    inline Func func() const;                // Call only
    inline Constant constant() const;        // Constant only
    inline std::size_t hash() const;
    inline std::uint32_t depth() const;  // 1 for atoms
    // A 64-bit summary of the symbols below: false from may_contain(x) proves that x does
    // not occur, which lets differentiation skip whole independent sub-expressions.
    inline std::uint64_t symbol_mask() const;
    bool may_contain(const Expr& symbol) const { return (symbol_mask() & symbol.symbol_mask()) != 0; }
    const Node* id() const { return node_; }

    bool is(Kind k) const { return kind() == k; }
    bool is_number() const { return kind() == Kind::Number; }
    bool is_zero() const;
    bool is_one() const;
    bool is_integer() const;  // a Number with denominator 1
    bool is_call(Func f) const { return kind() == Kind::Call && func() == f; }

    friend bool operator==(const Expr& a, const Expr& b) { return a.node_ == b.node_; }

private:
    const Node* node_ = nullptr;
};

// The interned node behind an Expr. Only src/core creates nodes; accessors are inline
// because every stage calls them in its innermost loops.
struct Node {
    Node(Kind k, Func f, Constant c, std::uint32_t d, std::size_t h, std::uint64_t mask)
        : kind(k), func(f), constant(c), depth(d), hash(h), symbol_mask(mask) {}
    Node(const Node&) = delete;
    Node& operator=(const Node&) = delete;
    ~Node() {}  // the payload is released by src/core, which knows which member is alive

    // What interning and differentiation read on every visit comes first.
    Kind kind;
    Func func;
    Constant constant;
    std::uint32_t depth;
    mutable std::uint32_t refs = 0;
    std::uint32_t arg_count = 0;
    std::size_t hash;
    std::uint64_t symbol_mask;  // one bit per symbol occurring below, by name hash
    // One memo slot for the pass currently walking this node (see MemoPass).
    mutable std::uint64_t memo_pass = 0;
    mutable const Node* memo_value = nullptr;
    Expr* args = nullptr;  // into inline_args or many_args

    // The payload. Numbers and symbols hold an Atom; other nodes hold their arguments in the
    // node itself when there are few (no allocation, and one cache miss less per visit).
    struct Atom {
        std::optional<mpq_class> value;  // Numbers only
        std::string name;                // Symbols only
    };
    static constexpr std::size_t inline_capacity = 9;
    union {
        Expr inline_args[inline_capacity];
        std::vector<Expr> many_args;
        Atom atom;
    };
};

inline Kind Expr::kind() const { return node_->kind; }
inline std::span<const Expr> Expr::args() const { return {node_->args, node_->arg_count}; }
inline const mpq_class& Expr::value() const { return *node_->atom.value; }
inline const std::string& Expr::name() const { return node_->atom.name; }
inline Func Expr::func() const { return node_->func; }
inline Constant Expr::constant() const { return node_->constant; }
inline std::size_t Expr::hash() const { return node_->hash; }
inline std::uint32_t Expr::depth() const { return node_->depth; }
inline std::uint64_t Expr::symbol_mask() const { return node_->symbol_mask; }

// A per-node memo for one pass over a DAG at a time, e.g. differentiation by one variable:
// a lookup is a field read instead of a hash-table probe. Each pass has a unique number, so a
// slot left by another pass reads as empty. The pass owns its results (the node's slot only
// points at them), so they live as long as the pass does.
class MemoPass {
public:
    MemoPass();
    // The stored value, or a null Expr.
    Expr find(const Expr& key) const {
        const Node* n = key.id();
        return n->memo_pass == pass_ ? Expr(n->memo_value) : Expr();
    }
    void store(const Expr& key, Expr value) {
        const Node* n = key.id();
        n->memo_pass = pass_;
        n->memo_value = value.id();
        owned_.push_back(std::move(value));
    }

private:
    std::uint64_t pass_;
    std::vector<Expr> owned_;
};

// Total, deterministic order used for canonical argument order and printing:
// negative when a sorts before b. Independent of addresses, so output is reproducible.
int compare(const Expr& a, const Expr& b);

// Natural name order: digit runs compare as numbers, so x2 < x10.
bool natural_less(std::string_view a, std::string_view b);
int natural_compare(std::string_view a, std::string_view b);  // negative, 0 or positive

// Number of distinct nodes reachable from the roots (DAG size) and of the unfolded tree.
std::size_t dag_size(std::span<const Expr> roots);
double tree_size(std::span<const Expr> roots);

std::uint64_t symbol_bit(std::string_view name);

// Cooperative cancellation: after request_cancel(), building any new node throws
// nabla::Cancelled until clear_cancel(), so a long computation unwinds (freeing what it built)
// at its next step. request_cancel is safe from a signal handler or another thread.
void request_cancel() noexcept;
void clear_cancel() noexcept;
// Throws nabla::Cancelled while a cancel is requested: for long loops that build no nodes.
void check_cancel();

// Number of live interned nodes in this process (for tests of bounded memory), and of the
// nodes created so far (a measure of work, for --stats).
std::size_t live_nodes();
std::size_t nodes_created();

}  // namespace nabla::core

template <>
struct std::hash<nabla::core::Expr> {
    std::size_t operator()(const nabla::core::Expr& e) const noexcept { return e.hash(); }
};

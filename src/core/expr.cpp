// expr.cpp — the intern table, reference counting and node accessors.
#include "core/error.hpp"
#include "core/limits.hpp"
#include "core/intern_table.hpp"
#include "core/node.hpp"
#include "core/traverse.hpp"

#include <algorithm>
#include <memory>
#include <new>
#include <atomic>
#include <unordered_map>
#include <unordered_set>

namespace nabla::core {
namespace {

std::size_t mix(std::size_t h, std::size_t v) {
    return h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
}

std::size_t hash_mpz(mpz_srcptr z) {
    std::size_t h = static_cast<std::size_t>(mpz_size(z)) * 31 + static_cast<std::size_t>(mpz_sgn(z) + 1);
    if (mpz_size(z) > 0) h = mix(h, mpz_getlimbn(z, 0));
    return h;
}

std::size_t hash_key(const NodeKey& k) {
    std::size_t h = mix(static_cast<std::size_t>(k.kind), static_cast<std::size_t>(k.func));
    h = mix(h, static_cast<std::size_t>(k.constant));
    for (const Expr& a : k.args) h = mix(h, a.hash());
    if (k.value) h = mix(mix(h, hash_mpz(k.value->get_num_mpz_t())), hash_mpz(k.value->get_den_mpz_t()));
    if (!k.name.empty()) h = mix(h, std::hash<std::string_view>{}(k.name));
    return h;
}

// Reads a compound node's first cache line and its arguments only.
bool same(const Node* n, const NodeKey& k) {
    if (n->kind != k.kind || n->func != k.func || n->constant != k.constant) return false;
    if (n->arg_count != k.args.size()) return false;
    for (std::size_t i = 0; i < k.args.size(); ++i)
        if (!(n->args[i] == k.args[i])) return false;
    if (k.kind == Kind::Number) return *n->atom.value == *k.value;
    if (k.kind == Kind::Symbol) return n->atom.name == k.name;
    return true;
}

using Table = InternTable;
std::size_t hash_of(const Node* n) { return n->hash; }

// Nodes are all one size and made and freed by the million; a free list of fixed-size slots
// avoids the general allocator's searching. Memory freed to the pool is reused, not returned
// to the system, so a process stays at its peak. Sanitizer builds use new/delete, so that a
// use of a freed node is still reported.
#if defined(__SANITIZE_ADDRESS__)
void* allocate_node() { return ::operator new(sizeof(Node), std::align_val_t{alignof(Node)}); }
void release_node(void* p) { ::operator delete(p, std::align_val_t{alignof(Node)}); }
#else
class NodePool {
public:
    void* allocate() {
        if (!free_) grow();
        Slot* s = free_;
        free_ = s->next;
        // Freed slots are scattered; fetching the next one now hides that miss behind the
        // work before the next allocation.
        __builtin_prefetch(free_, 1);
        return s;
    }
    void release(void* p) {
        auto* s = static_cast<Slot*>(p);
        s->next = free_;
        free_ = s;
    }

private:
    union Slot {
        Slot* next;
        alignas(Node) std::byte storage[sizeof(Node)];
    };
    static constexpr std::size_t slots_per_chunk = 4096;
    void grow() {
        chunks_.push_back(std::make_unique<Slot[]>(slots_per_chunk));
        Slot* chunk = chunks_.back().get();
        for (std::size_t i = 0; i < slots_per_chunk; ++i) release(&chunk[i]);
    }
    std::vector<std::unique_ptr<Slot[]>> chunks_;
    Slot* free_ = nullptr;
};

NodePool& pool() {
    static NodePool* p = new NodePool();  // never destroyed, like the table
    return *p;
}
void* allocate_node() { return pool().allocate(); }
void release_node(void* p) { pool().release(p); }
#endif

// Never destroyed: handles held in static storage may be released after main returns.
Table& table() {
    static Table* t = new Table();
    return *t;
}

static_assert(sizeof(Node) <= 128, "a node should stay within two cache lines");

bool holds_atom(Kind k) { return k == Kind::Number || k == Kind::Symbol; }

void create_payload(Node& n, const NodeKey& key) {
    if (holds_atom(key.kind)) {
        new (&n.atom) Node::Atom{key.value ? std::optional<mpq_class>(*key.value) : std::nullopt,
                                 std::string(key.name)};
        return;
    }
    n.arg_count = static_cast<std::uint32_t>(key.args.size());
    if (key.args.size() <= Node::inline_capacity) {
        for (std::size_t i = 0; i < key.args.size(); ++i) new (&n.inline_args[i]) Expr(key.args[i]);
        n.args = n.inline_args;
    } else {
        new (&n.many_args) std::vector<Expr>(key.args.begin(), key.args.end());
        n.args = n.many_args.data();
    }
}

void destroy_payload(Node& n) {
    if (holds_atom(n.kind)) {
        n.atom.~Atom();
    } else if (n.arg_count <= Node::inline_capacity) {
        for (std::uint32_t i = 0; i < n.arg_count; ++i) n.inline_args[i].~Expr();
    } else {
        n.many_args.~vector();
    }
}

// Frees a node whose count reached zero and, iteratively, the children it was the last
// owner of: a long chain must not recurse once per level.
void destroy(const Node* root) {
    std::vector<const Node*> pending{root};
    while (!pending.empty()) {
        const Node* n = pending.back();
        pending.pop_back();
        table().erase(n->hash, n);
        auto* owned = const_cast<Node*>(n);
        for (std::uint32_t i = 0; i < owned->arg_count; ++i) {
            Expr& a = owned->args[i];
            const Node* child = a.id();
            if (--child->refs == 0) pending.push_back(child);
            new (&a) Expr();  // the reference moved into `pending`; drop it without releasing
        }
        destroy_payload(*owned);
        owned->~Node();
        release_node(owned);
    }
}

}  // namespace

std::uint64_t symbol_bit(std::string_view name) {
    return std::uint64_t{1} << (std::hash<std::string_view>{}(name) % 64);
}

namespace {
std::size_t created = 0;
std::atomic<bool> cancel_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free, "request_cancel must be async-signal-safe");
}  // namespace

void request_cancel() noexcept { cancel_requested.store(true, std::memory_order_relaxed); }
void clear_cancel() noexcept { cancel_requested.store(false, std::memory_order_relaxed); }
void check_cancel() {
    if (cancel_requested.load(std::memory_order_relaxed)) throw Cancelled();
}

std::size_t nodes_created() { return created; }

Expr intern(const NodeKey& key) {
    const std::size_t hash = hash_key(key);
    Table& t = table();
    if (Node* found = t.find(hash, hash_of, [&](const Node* n) { return same(n, key); })) return Expr(found);
    std::uint32_t depth = 1;
    std::uint64_t mask = key.kind == Kind::Symbol ? symbol_bit(key.name) : 0;
    for (const Expr& a : key.args) {
        depth = std::max(depth, a.depth() + 1);
        mask |= a.symbol_mask();
    }
    check_cancel();
    if (t.size() >= limits::max_live_nodes)
        throw LimitError("expression too large (more than " + std::to_string(limits::max_live_nodes) + " distinct nodes)");
    if (depth > limits::max_depth)
        throw LimitError("expression nested deeper than " + std::to_string(limits::max_depth) + " levels");
    ++created;
    auto* n = new (allocate_node()) Node(key.kind, key.func, key.constant, depth, hash, mask);
    create_payload(*n, key);
    t.insert(hash, n, hash_of);
    return Expr(n);
}

Expr::Expr(const Node* node) : node_(node) {
    if (node_) ++node_->refs;
}
Expr::Expr(const Expr& other) noexcept : node_(other.node_) {
    if (node_) ++node_->refs;
}
Expr& Expr::operator=(const Expr& other) noexcept {
    if (other.node_) ++other.node_->refs;
    const Node* old = node_;
    node_ = other.node_;
    if (old && --old->refs == 0) destroy(old);
    return *this;
}
Expr& Expr::operator=(Expr&& other) noexcept {
    if (this != &other) {
        const Node* old = node_;
        node_ = other.node_;
        other.node_ = nullptr;
        if (old && --old->refs == 0) destroy(old);
    }
    return *this;
}
Expr::~Expr() {
    if (node_ && --node_->refs == 0) destroy(node_);
}

bool Expr::is_zero() const { return is_number() && sgn(value()) == 0; }
bool Expr::is_one() const { return is_number() && value() == 1; }
bool Expr::is_integer() const { return is_number() && value().get_den() == 1; }

std::size_t live_nodes() { return table().size(); }

MemoPass::MemoPass() {
    static std::uint64_t passes = 0;
    pass_ = ++passes;
}

std::size_t dag_size(std::span<const Expr> roots) {
    std::size_t count = 0;
    post_order(roots, [&](const Expr&) { ++count; });
    return count;
}

double tree_size(std::span<const Expr> roots) {
    std::unordered_map<const Node*, double> size;
    post_order(roots, [&](const Expr& e) {
        double s = 1;
        for (const Expr& a : e.args()) s += size.at(a.id());
        size.emplace(e.id(), s);
    });
    double total = 0;
    for (const Expr& r : roots) total += size.at(r.id());
    return total;
}

}  // namespace nabla::core

// intern_table.hpp — the set of live nodes, open-addressed with 8-byte slots: a node's address
// tagged with 16 bits of its hash, so a lookup usually touches one cache line of a compact
// table and only the matching node itself.
#pragma once

#include "core/error.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace nabla::core {

struct Node;

class InternTable {
public:
    explicit InternTable(std::size_t capacity = 1 << 16) : slots_(capacity, empty) {}

    std::size_t size() const { return live_; }

    // The node with this hash for which `matches(node)` holds, or nullptr. Nodes store their
    // hash, so `hash_of(node)` is a field read.
    template <class HashOf, class Matches>
    Node* find(std::size_t hash, HashOf&& hash_of, Matches&& matches) const {
        const std::size_t h = spread(hash), mask = slots_.size() - 1;
        for (std::size_t i = h & mask;; i = (i + 1) & mask) {
            const std::uintptr_t s = slots_[i];
            if (s == empty) return nullptr;
            if (s != tombstone && (s >> address_bits) == tag(h)) {
                Node* n = node(s);
                if (hash_of(n) == hash && matches(n)) return n;
            }
        }
    }

    // Adds a node known to be absent.
    template <class HashOf>
    void insert(std::size_t hash, Node* n, HashOf&& hash_of) {
        if ((live_ + used_by_tombstones_ + 1) * 8 > slots_.size() * 5) rehash(hash_of);
        place(spread(hash), n);
        ++live_;
    }

    void erase(std::size_t hash, const Node* n) {
        const std::size_t h = spread(hash), mask = slots_.size() - 1;
        for (std::size_t i = h & mask;; i = (i + 1) & mask) {
            if (slots_[i] == empty) return;
            if (slots_[i] != tombstone && node(slots_[i]) == n) {
                slots_[i] = tombstone;
                --live_;
                ++used_by_tombstones_;
                return;
            }
        }
    }

private:
    // User-space addresses fit in 48 bits on the 64-bit platforms nabla runs on (x86-64 and
    // AArch64 unless a program asks for more); insert() checks.
    static constexpr int address_bits = 48;
    static constexpr std::uintptr_t empty = 0, tombstone = 1;
    static_assert(sizeof(std::uintptr_t) == 8, "the intern table tags 64-bit addresses");

    static std::uintptr_t tag(std::size_t spread_hash) { return spread_hash >> address_bits; }
    static Node* node(std::uintptr_t slot) {
        return reinterpret_cast<Node*>(slot & ((std::uintptr_t{1} << address_bits) - 1));
    }

    // Linear probing needs well-mixed low bits (murmur3's finalizer); the tag takes the top bits.
    static std::size_t spread(std::size_t h) {
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdULL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53ULL;
        return h ^ (h >> 33);
    }

    void place(std::size_t h, Node* n) {
        const auto address = reinterpret_cast<std::uintptr_t>(n);
        NABLA_ASSERT(address >> address_bits == 0, "node address beyond 48 bits");
        const std::size_t mask = slots_.size() - 1;
        std::size_t i = h & mask;
        while (slots_[i] != empty && slots_[i] != tombstone) i = (i + 1) & mask;
        if (slots_[i] == tombstone) --used_by_tombstones_;
        slots_[i] = tag(h) << address_bits | address;
    }

    // Grows when live nodes fill more than 3/8 of the slots, else just clears tombstones.
    template <class HashOf>
    void rehash(HashOf&& hash_of) {
        std::vector<std::uintptr_t> old(slots_.size() * (live_ * 8 > slots_.size() * 3 ? 2 : 1), empty);
        old.swap(slots_);
        used_by_tombstones_ = 0;
        for (const std::uintptr_t s : old)
            if (s != empty && s != tombstone) place(spread(hash_of(node(s))), node(s));
    }

    std::vector<std::uintptr_t> slots_;
    std::size_t live_ = 0;
    std::size_t used_by_tombstones_ = 0;
};

}  // namespace nabla::core

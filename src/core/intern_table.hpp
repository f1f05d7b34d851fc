// intern_table.hpp — the set of live nodes, open-addressed with hashes stored inline, so a
// lookup usually touches one cache line of the table and only the matching node itself.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace nabla::core {

struct Node;

class InternTable {
public:
    explicit InternTable(std::size_t capacity = 1 << 16) : slots_(capacity) {}

    std::size_t size() const { return live_; }

    // The node with this hash for which `matches(node)` holds, or nullptr.
    template <class Matches>
    Node* find(std::size_t hash, Matches&& matches) const {
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t i = spread(hash) & mask;; i = (i + 1) & mask) {
            const Slot& s = slots_[i];
            if (s.node == nullptr) return nullptr;
            if (s.node != tombstone() && s.hash == hash && matches(s.node)) return s.node;
        }
    }

    // Adds a node known to be absent.
    void insert(std::size_t hash, Node* node) {
        if ((live_ + used_by_tombstones_ + 1) * 10 > slots_.size() * 7) rehash();
        const std::size_t mask = slots_.size() - 1;
        std::size_t i = spread(hash) & mask;
        while (slots_[i].node != nullptr && slots_[i].node != tombstone()) i = (i + 1) & mask;
        if (slots_[i].node == tombstone()) --used_by_tombstones_;
        slots_[i] = {hash, node};
        ++live_;
    }

    void erase(std::size_t hash, const Node* node) {
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t i = spread(hash) & mask;; i = (i + 1) & mask) {
            if (slots_[i].node == nullptr) return;
            if (slots_[i].node == node) {
                slots_[i].node = tombstone();
                --live_;
                ++used_by_tombstones_;
                return;
            }
        }
    }

private:
    struct Slot {
        std::size_t hash = 0;
        Node* node = nullptr;
    };

    static Node* tombstone() { return reinterpret_cast<Node*>(alignof(std::max_align_t)); }

    // Linear probing needs well-mixed low bits (murmur3's finalizer).
    static std::size_t spread(std::size_t h) {
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdULL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53ULL;
        return h ^ (h >> 33);
    }

    // Grows when live nodes fill more than a third of the slots, else just clears tombstones.
    void rehash() {
        std::vector<Slot> old(slots_.size() * (live_ * 3 > slots_.size() ? 2 : 1));
        old.swap(slots_);
        live_ = 0;
        used_by_tombstones_ = 0;
        for (const Slot& s : old)
            if (s.node != nullptr && s.node != tombstone()) insert(s.hash, s.node);
    }

    std::vector<Slot> slots_;
    std::size_t live_ = 0;
    std::size_t used_by_tombstones_ = 0;
};

}  // namespace nabla::core

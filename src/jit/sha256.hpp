// sha256.hpp — SHA-256 (FIPS 180-4), for cache keys and for checking a cached library before it is loaded.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace nabla::jit {

class Sha256 {
public:
    Sha256& update(std::string_view bytes);
    // The digest as 64 lowercase hex digits; ends the computation.
    std::string hex();

private:
    void block(const unsigned char* p);
    std::array<std::uint32_t, 8> h_ = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                       0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    std::array<unsigned char, 64> buffer_{};
    std::size_t used_ = 0;
    std::uint64_t length_ = 0;  // bytes hashed so far
};

inline std::string sha256_hex(std::string_view bytes) { return Sha256().update(bytes).hex(); }

}  // namespace nabla::jit

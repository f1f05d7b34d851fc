// sha256.hpp — SHA-256 (Nettle's), for cache keys and for checking a cached library before it is loaded.
#pragma once

#include <nettle/sha2.h>

#include <string>
#include <string_view>

namespace nabla::jit {

class Sha256 {
public:
    Sha256();
    Sha256& update(std::string_view bytes);
    // The digest as 64 lowercase hex digits; ends the computation.
    std::string hex();

private:
    sha256_ctx ctx_;
};

inline std::string sha256_hex(std::string_view bytes) { return Sha256().update(bytes).hex(); }

}  // namespace nabla::jit

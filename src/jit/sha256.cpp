// sha256.cpp — a thin C++ face on Nettle's SHA-256.
#include "jit/sha256.hpp"

namespace nabla::jit {

Sha256::Sha256() { sha256_init(&ctx_); }

Sha256& Sha256::update(std::string_view bytes) {
    sha256_update(&ctx_, bytes.size(), reinterpret_cast<const std::uint8_t*>(bytes.data()));
    return *this;
}

std::string Sha256::hex() {
    std::uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_digest(&ctx_, sizeof digest, digest);
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * sizeof digest);
    for (std::uint8_t b : digest) {
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

}  // namespace nabla::jit

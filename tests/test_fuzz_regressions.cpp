// test_fuzz_regressions.cpp — the fuzzers' checks, replayed on every committed input of
// tests/fuzz/corpus (seeds and the reproducers of past findings), in the ordinary suite:
// a finding saved there stays a regression test, with or without clang and libFuzzer.
#include "fuzz/batch_check.hpp"
#include "fuzz/parse_check.hpp"
#include "fuzz/roundtrip_check.hpp"
#include "fuzz/statement_check.hpp"

#include "core/build.hpp"
#include "core/limits.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

void replay(const char* harness, const std::function<void(std::string_view)>& check) {
    const fs::path dir = fs::path(NABLA_SOURCE_DIR) / "tests" / "fuzz" / "corpus" / harness;
    REQUIRE(fs::is_directory(dir));
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.is_regular_file()) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    CHECK(files.size() >= 8);
    nabla::fuzz::throw_findings = true;
    for (const fs::path& file : files) {
        std::ifstream in(file, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        CAPTURE(file.filename().string());
        try {
            check(bytes);
        } catch (const nabla::fuzz::Finding& f) {
            FAIL_CHECK(f.message);
        }
    }
    nabla::fuzz::throw_findings = false;
}

}  // namespace

TEST_SUITE("fuzz") {

TEST_CASE("Fuzz corpus: parse takes every input without a crash or a foreign exception") {
    replay("parse", nabla::fuzz::check_parse);
}

TEST_CASE("Fuzz corpus: the statement grammar takes every input without a crash or a foreign exception") {
    replay("statement", nabla::fuzz::check_statement);
}

TEST_CASE("Fuzz corpus: every printed result re-reads as itself") {
    replay("roundtrip", nabla::fuzz::check_round_trip);
}

TEST_CASE("Fuzz corpus: every batch line gets one line of JSON with its id") {
    replay("batch", nabla::fuzz::check_batch_answer);
}

}  // TEST_SUITE("fuzz")

// Findings of earlier fuzzing, fixed in parse and print; kept here beside the corpora.
TEST_SUITE("fuzz") {

TEST_CASE("Fuzz finding: a literal longer than any number nabla holds is a LimitError at its first digit") {
    namespace limits = nabla::limits;
    const std::string digits(limits::max_literal_digits + 1, '7');
    for (const std::string& text : {digits, "x + " + digits, "0." + digits, "x*" + std::string(400'000, '1'),
                                    "x*" + std::string(limits::max_literal_digits, '9') + "e100000"}) {
        CAPTURE(text.substr(0, 8));
        try {
            (void)nabla::parse::parse(text);
            FAIL_CHECK("parsed");
        } catch (const nabla::LimitError& e) {
            REQUIRE(e.position().has_value());
            CHECK(*e.position() == text.find_first_of("0123456789"));
        }
    }
    // The largest numbers nabla holds are literals too, so they print as text that reads back:
    // 1e100000 has 100,001 digits, more than the old literal limit (fuzz_roundtrip found
    // "1e100000c - 3*x/5" printed as a literal that did not parse).
    const std::string largest(limits::max_literal_digits - 1, '9');  // 10^315652 - 1 < 2^20 bits
    for (const std::string& text : {std::string("1e100000c - 3*x/5"), largest, "x/" + largest, "x^(1/" + largest + ")"}) {
        CAPTURE(text.substr(0, 12));
        const nabla::core::Expr e = nabla::parse::parse(text);
        CHECK(nabla::parse::parse(nabla::print::infix(e)) == e);
    }
    CHECK(nabla::parse::parse(std::string(100'000, '1')).is_integer());
}

TEST_CASE("Fuzz finding: flat products of many factors print as text that reads back to itself") {
    std::string product = "a";
    for (const char* factor : {"b", "-c", "d^2", "f/g", "h", "k", "m", "sin(n)", "2", "p^-1", "q", "r"}) {
        product += std::string("*") + factor;
        const nabla::core::Expr e = nabla::parse::parse(product);
        CAPTURE(product);
        CHECK(nabla::parse::parse(nabla::print::infix(e)) == e);
        CHECK(nabla::parse::parse(nabla::print::infix(-e)) == -e);
    }
}

}  // TEST_SUITE("fuzz")

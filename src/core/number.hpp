// number.hpp — exact arithmetic on GMP rationals that the canonical constructors need.
#pragma once

#include <gmpxx.h>

#include <optional>
#include <string>

namespace nabla::core {

// b^e for an integer e, or nothing when the result would exceed limits::max_number_bits
// (so 2^(10^20) stays symbolic). Throws DomainError for 0^negative.
std::optional<mpq_class> integer_power(const mpq_class& base, const mpz_class& exponent);

// n = outside^q * inside with `inside` free of q-th powers of small primes (n > 0):
// the split that turns sqrt(8) into 2*sqrt(2).
struct RootSplit {
    mpz_class outside;
    mpz_class inside;
};
RootSplit split_root(const mpz_class& n, unsigned long q);

// The exact q-th root of r when it is rational (negative r allowed for odd q).
std::optional<mpq_class> exact_root(const mpq_class& r, unsigned long q);

// n = root^exponent with the largest exponent found (n > 0): 8 = 2^3, 10^6 = 10^6. The search is
// bounded: an exponent with no prime factor up to 1000, of a number with no prime factor up to
// 1000, is not found (n is then returned to the power 1), which is still exact.
struct PerfectPower {
    mpz_class root;
    unsigned long exponent;
};
PerfectPower perfect_power(const mpz_class& n);

// Size of a rational in bits (numerator plus denominator).
std::size_t bit_size(const mpq_class& r);

std::string to_string(const mpq_class& r);

// The order of magnitude of r for messages about huge numbers: "about -10^400".
std::string magnitude(const mpq_class& r);

}  // namespace nabla::core

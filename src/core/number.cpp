// number.cpp — exact powers and roots of rationals, bounded by limits::max_number_bits.
#include "core/number.hpp"

#include "core/error.hpp"
#include "core/limits.hpp"

#include <bit>

namespace nabla::core {

std::size_t bit_size(const mpq_class& r) {
    return mpz_sizeinbase(r.get_num_mpz_t(), 2) + mpz_sizeinbase(r.get_den_mpz_t(), 2);
}

std::string to_string(const mpq_class& r) { return r.get_str(); }

std::optional<mpq_class> integer_power(const mpq_class& base, const mpz_class& exponent) {
    if (sgn(base) == 0) {
        if (sgn(exponent) < 0) throw DomainError("division by zero (0 to a negative power)");
        return sgn(exponent) == 0 ? mpq_class(1) : mpq_class(0);
    }
    if (base == 1) return mpq_class(1);
    if (base == -1) return mpq_class(mpz_odd_p(exponent.get_mpz_t()) ? -1 : 1);
    if (!mpz_fits_slong_p(exponent.get_mpz_t())) return std::nullopt;
    const long e = mpz_get_si(exponent.get_mpz_t());
    const unsigned long n = static_cast<unsigned long>(e < 0 ? -e : e);
    if (static_cast<double>(bit_size(base)) * static_cast<double>(n) > static_cast<double>(limits::max_number_bits))
        return std::nullopt;
    mpz_class num, den;
    mpz_pow_ui(num.get_mpz_t(), base.get_num_mpz_t(), n);
    mpz_pow_ui(den.get_mpz_t(), base.get_den_mpz_t(), n);
    mpq_class result(e < 0 ? den : num, e < 0 ? num : den);
    result.canonicalize();
    return result;
}

RootSplit split_root(const mpz_class& n, unsigned long q) {
    // A q-th power of 2 or more has more than q bits, so for q at least n's bit size nothing
    // comes out; checking first keeps 2^(1/10^12) from computing 2^(10^12).
    const std::size_t bits = mpz_sizeinbase(n.get_mpz_t(), 2);
    if (q >= bits) return {1, n};
    mpz_class root;
    if (mpz_root(root.get_mpz_t(), n.get_mpz_t(), q) != 0) return {root, 1};
    RootSplit s{1, n};
    // Trial division by small factors is enough for the perfect roots people write;
    // a factor larger than this stays under the root, which is still exact.
    constexpr unsigned long max_factor = 1000;
    mpz_class power;
    for (unsigned long p = 2; p <= max_factor; ++p) {
        // p^q >= 2^(q*floor(log2 p)) exceeds inside < 2^bits: stop before computing it.
        const unsigned long floor_log2 = static_cast<unsigned long>(std::bit_width(p)) - 1;
        if (q > bits / floor_log2) break;
        mpz_ui_pow_ui(power.get_mpz_t(), p, q);
        if (power > s.inside) break;
        while (mpz_divisible_p(s.inside.get_mpz_t(), power.get_mpz_t())) {
            s.inside /= power;
            s.outside *= p;
        }
    }
    return s;
}

std::optional<mpq_class> exact_root(const mpq_class& r, unsigned long q) {
    const bool negative = sgn(r) < 0;
    if (negative && q % 2 == 0) return std::nullopt;
    mpz_class num = abs(r.get_num()), den = r.get_den();
    // The q-th root of an integer of fewer than q bits is exact only for 0 and 1.
    auto too_few_bits = [q](const mpz_class& n) { return n > 1 && q >= mpz_sizeinbase(n.get_mpz_t(), 2); };
    if (too_few_bits(num) || too_few_bits(den)) return std::nullopt;
    mpz_class rn, rd;
    if (mpz_root(rn.get_mpz_t(), num.get_mpz_t(), q) == 0) return std::nullopt;
    if (mpz_root(rd.get_mpz_t(), den.get_mpz_t(), q) == 0) return std::nullopt;
    mpq_class result(negative ? mpz_class(-rn) : rn, rd);
    result.canonicalize();
    return result;
}

PerfectPower perfect_power(const mpz_class& n) {
    PerfectPower p{n, 1};
    if (n < 4 || !mpz_perfect_power_p(n.get_mpz_t())) return p;
    // If n = m^k, k divides the multiplicity of every prime factor of n: a small one bounds the
    // candidates to the primes of its multiplicity. Without a small factor, m > max_factor and
    // only primes up to max_factor are tried: the search is bounded whatever n's size.
    constexpr unsigned long max_factor = 1000;
    unsigned long multiplicity = 0;
    for (unsigned long f = 2; f <= max_factor && multiplicity == 0; ++f) {
        mpz_class rest = n;
        while (mpz_divisible_ui_p(rest.get_mpz_t(), f)) {
            mpz_divexact_ui(rest.get_mpz_t(), rest.get_mpz_t(), f);
            ++multiplicity;
        }
    }
    const unsigned long bound = multiplicity != 0 ? multiplicity : max_factor;
    mpz_class root;
    for (unsigned long k = 2; k <= bound; ++k) {
        if (multiplicity != 0 && multiplicity % k != 0) continue;
        bool prime = true;
        for (unsigned long d = 2; d * d <= k && prime; ++d) prime = k % d != 0;
        if (!prime) continue;
        // Take k-th roots while they are exact: 2^12 -> 2^6 -> 2^3 under k = 2.
        while (mpz_sizeinbase(p.root.get_mpz_t(), 2) > k && mpz_root(root.get_mpz_t(), p.root.get_mpz_t(), k) != 0) {
            p.root = root;
            p.exponent *= k;
            if (multiplicity != 0) multiplicity /= k;
        }
    }
    return p;
}

std::string magnitude(const mpq_class& r) {
    const long digits = static_cast<long>(mpz_sizeinbase(r.get_num_mpz_t(), 10))
                        - static_cast<long>(mpz_sizeinbase(r.get_den_mpz_t(), 10));
    return std::string("about ") + (sgn(r) < 0 ? "-" : "") + "10^" + std::to_string(digits);
}

}  // namespace nabla::core

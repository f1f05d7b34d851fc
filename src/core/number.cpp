// number.cpp — exact powers and roots of rationals, bounded by limits::max_number_bits.
#include "core/number.hpp"

#include "core/error.hpp"
#include "core/limits.hpp"

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
    mpz_class root;
    if (mpz_root(root.get_mpz_t(), n.get_mpz_t(), q) != 0) return {root, 1};
    RootSplit s{1, n};
    // Trial division by small factors is enough for the perfect roots people write;
    // a factor larger than this stays under the root, which is still exact.
    constexpr unsigned long max_factor = 1000;
    mpz_class power;
    for (unsigned long p = 2; p <= max_factor; ++p) {
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
    mpz_class rn, rd;
    if (mpz_root(rn.get_mpz_t(), num.get_mpz_t(), q) == 0) return std::nullopt;
    if (mpz_root(rd.get_mpz_t(), den.get_mpz_t(), q) == 0) return std::nullopt;
    mpq_class result(negative ? mpz_class(-rn) : rn, rd);
    result.canonicalize();
    return result;
}

}  // namespace nabla::core

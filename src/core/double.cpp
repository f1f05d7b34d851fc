// double.cpp — exact rationals rounded to doubles, correctly.
#include "core/double.hpp"

#include "core/error.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <numbers>

namespace nabla::core {

double to_double(const mpq_class& q) {
    const int sign = sgn(q);
    if (sign == 0) return 0.0;
    const mpz_class a = abs(q.get_num());
    const mpz_class& b = q.get_den();
    // 2^(e0-1) < a/b < 2^(e0+1), so floor(log2(a/b)) is e0 - 1 or e0.
    long e = static_cast<long>(mpz_sizeinbase(a.get_mpz_t(), 2))
             - static_cast<long>(mpz_sizeinbase(b.get_mpz_t(), 2));
    if (e - 1 >= 1024) return sign * std::numeric_limits<double>::infinity();
    if (e <= -1076) return sign * 0.0;  // below half the smallest subnormal
    mpz_class shifted;
    if (e >= 0) {
        mpz_mul_2exp(shifted.get_mpz_t(), b.get_mpz_t(), static_cast<unsigned long>(e));
        if (a < shifted) --e;
    } else {
        mpz_mul_2exp(shifted.get_mpz_t(), a.get_mpz_t(), static_cast<unsigned long>(-e));
        if (shifted < b) --e;
    }
    // 53 significant bits (fewer for subnormals): quotient = floor(a/b * 2^k), 2^52 <= it < 2^53.
    const long k = std::min(52 - e, 1074L);
    mpz_class n = a, d = b, quotient, remainder;
    if (k >= 0) {
        mpz_mul_2exp(n.get_mpz_t(), a.get_mpz_t(), static_cast<unsigned long>(k));
    } else {
        mpz_mul_2exp(d.get_mpz_t(), b.get_mpz_t(), static_cast<unsigned long>(-k));
    }
    mpz_tdiv_qr(quotient.get_mpz_t(), remainder.get_mpz_t(), n.get_mpz_t(), d.get_mpz_t());
    remainder *= 2;
    const int c = cmp(remainder, d);
    if (c > 0 || (c == 0 && mpz_odd_p(quotient.get_mpz_t()))) ++quotient;  // to nearest, ties to even
    const double result = std::ldexp(quotient.get_d(), static_cast<int>(-k));  // exact or inf
    return sign < 0 ? -result : result;
}

double to_double(const Expr& e) {
    if (e.is_number()) return to_double(e.value());
    NABLA_ASSERT(e.is(Kind::Constant), "to_double of an expression that is not a number or constant");
    return e.constant() == Constant::Pi ? std::numbers::pi : std::numbers::e;
}

std::string to_text(double v) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

}  // namespace nabla::core

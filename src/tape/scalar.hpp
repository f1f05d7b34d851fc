// scalar.hpp — the double semantics of every built-in function and of real powers, in one
// place: eval computes with them and the code generator folds constants with them, so both
// agree bit for bit (the generated runtime, codegen/runtime/nabla_rt.hpp, mirrors them).
#pragma once

#include "core/error.hpp"
#include "core/expr.hpp"

#include <cmath>
#include <limits>
#include <string>

namespace nabla::tape::scalar {

// NaN in, NaN out for the non-smooth functions: never a made-up value.
inline double sign_of(double x) { return x > 0 ? 1.0 : x < 0 ? -1.0 : x == 0 ? 0.0 : x; }
inline double heaviside(double x) { return x > 0 ? 1.0 : x < 0 ? 0.0 : x == 0 ? 0.5 : x; }
inline double relu(double x) { return x > 0 ? x : x <= 0 ? 0.0 : x; }
// One exp of a non-positive number: no overflow for any x, and branch-free enough to vectorise.
inline double sigmoid(double x) {
    const double z = std::exp(-std::fabs(x));
    return (x >= 0 ? 1.0 : z) / (1.0 + z);
}
inline double softplus(double x) { return (x > 0 ? x : 0.0) + std::log1p(std::exp(-std::fabs(x))); }
inline double min_of(double a, double b) { return std::isnan(a) || std::isnan(b) ? a + b : b < a ? b : a; }
inline double max_of(double a, double b) { return std::isnan(a) || std::isnan(b) ? a + b : b > a ? b : a; }

// s^e for a rational e = p/q that is not an integer; odd_num, odd_den: parity of p and q.
inline double pow_fraction(double s, double e, bool odd_num, bool odd_den) {
    if (!(s < 0)) return std::pow(s, e);
    if (!odd_den) return std::numeric_limits<double>::quiet_NaN();  // even root of a negative
    const double r = std::pow(-s, e);  // the real root: (-8)^(2/3) = 4, (-8)^(1/3) = -2
    return odd_num ? -r : r;
}

// s^n for an integer n (as a double; odd: n is odd, kept apart for |n| > 2^53).
inline double pow_integer(double s, double n, bool odd) {
    if (!(s < 0)) return std::pow(s, n);
    const double r = std::pow(-s, n);
    return odd ? -r : r;
}

inline double apply(core::Func f, double x) {
    using core::Func;
    switch (f) {
    case Func::Sin: return std::sin(x);
    case Func::Cos: return std::cos(x);
    case Func::Tan: return std::tan(x);
    case Func::Asin: return std::asin(x);
    case Func::Acos: return std::acos(x);
    case Func::Atan: return std::atan(x);
    case Func::Sinh: return std::sinh(x);
    case Func::Cosh: return std::cosh(x);
    case Func::Tanh: return std::tanh(x);
    case Func::Asinh: return std::asinh(x);
    case Func::Acosh: return std::acosh(x);
    case Func::Atanh: return std::atanh(x);
    case Func::Exp: return std::exp(x);
    case Func::Log: return std::log(x);
    case Func::Cbrt: return std::cbrt(x);
    case Func::Abs: return std::fabs(x);
    case Func::Sign: return sign_of(x);
    case Func::Heaviside: return heaviside(x);
    case Func::Sigmoid: return sigmoid(x);
    case Func::Softplus: return softplus(x);
    case Func::Relu: return relu(x);
    case Func::Erf: return std::erf(x);
    case Func::Atan2: case Func::Min: case Func::Max: break;
    }
    NABLA_ASSERT(false, std::string(core::func_name(f)) + " is not a function of one argument");
    return 0;
}

inline double apply(core::Func f, double a, double b) {
    using core::Func;
    switch (f) {
    case Func::Atan2: return std::atan2(a, b);
    case Func::Min: return min_of(a, b);
    case Func::Max: return max_of(a, b);
    default: break;
    }
    NABLA_ASSERT(false, std::string(core::func_name(f)) + " is not a function of two arguments");
    return 0;
}

}  // namespace nabla::tape::scalar

// nabla_rt.hpp — helper functions that generated code calls, copied into it section by section.
//
// Each section between "// @helper NAME" and "// @end" is emitted once, only when the generated
// code uses it, and guarded so that several generated headers can share a translation unit.
// Semantics are those of src/eval/eval.hpp exactly; the selects are written so that compilers
// turn them into blends and keep batch loops vectorised. NaN in gives NaN out.
#pragma once

#include <cmath>
#include <cstddef>

// Generated code defines NABLA_VM(f) as a SIMD-enabled libm function when it can (see
// docs/codegen.md, NABLA_VECTOR_MATH); on its own this file uses <cmath>.
#ifndef NABLA_VM
#define NABLA_VM(f) std::f
#endif

// @helper sign
#ifndef NABLA_RT_SIGN
#define NABLA_RT_SIGN
static inline double nabla_sign(double x) {
    const double s = (x > 0 ? 1.0 : 0.0) - (x < 0 ? 1.0 : 0.0);
    return x != x ? x : s;
}
#endif
// @end

// @helper heaviside
#ifndef NABLA_RT_HEAVISIDE
#define NABLA_RT_HEAVISIDE
static inline double nabla_heaviside(double x) {
    const double h = (x > 0 ? 1.0 : 0.0) + (x == 0 ? 0.5 : 0.0);
    return x != x ? x : h;
}
#endif
// @end

// @helper relu
#ifndef NABLA_RT_RELU
#define NABLA_RT_RELU
static inline double nabla_relu(double x) { return x <= 0 ? 0.0 : x; }
#endif
// @end

// @helper min
#ifndef NABLA_RT_MIN
#define NABLA_RT_MIN
static inline double nabla_min(double a, double b) {
    const double m = b < a ? b : a;
    return (a != a || b != b) ? a + b : m;
}
#endif
// @end

// @helper max
#ifndef NABLA_RT_MAX
#define NABLA_RT_MAX
static inline double nabla_max(double a, double b) {
    const double m = b > a ? b : a;
    return (a != a || b != b) ? a + b : m;
}
#endif
// @end

// @helper sigmoid
#ifndef NABLA_RT_SIGMOID
#define NABLA_RT_SIGMOID
// 1/(1 + exp(-x)) for x >= 0 and exp(x)/(1 + exp(x)) below, with a single exp.
static inline double nabla_sigmoid(double x) {
    const double z = NABLA_VM(exp)(-std::fabs(x));
    return (x >= 0 ? 1.0 : z) / (1.0 + z);
}
#endif
// @end

// @helper softplus
#ifndef NABLA_RT_SOFTPLUS
#define NABLA_RT_SOFTPLUS
// log(1 + exp(x)) as max(x, 0) + log1p(exp(-|x|)): never overflows, and both calls are
// made for every x, so loops stay vectorisable (eval's two-branch form agrees to an ulp or two).
static inline double nabla_softplus(double x) {
    return (x > 0 ? x : 0.0) + NABLA_VM(log1p)(NABLA_VM(exp)(-std::fabs(x)));
}
#endif
// @end

// @helper powi
#ifndef NABLA_RT_POWI
#define NABLA_RT_POWI
// x^n for an integer n too large to unroll; `odd` keeps the parity of n beyond 2^53.
static inline double nabla_powi(double x, double n, bool odd) {
    const double r = NABLA_VM(pow)(std::fabs(x), n);
    return x < 0 && odd ? -r : r;
}
#endif
// @end

// @helper powq
#ifndef NABLA_RT_POWQ
#define NABLA_RT_POWQ
// x^(p/q) with the real root for negative x and odd q; NaN for negative x and even q.
static inline double nabla_powq(double x, double e, bool odd_num, bool odd_den) {
    const double r = NABLA_VM(pow)(std::fabs(x), e);
    const double negative = odd_den ? (odd_num ? -r : r) : static_cast<double>(NAN);
    return x < 0 ? negative : r;
}
#endif
// @end

// @helper tile
#ifndef NABLA_RT_TILE
#define NABLA_RT_TILE
// Batch entry points run over tiles of T points: each row of a structure-of-arrays batch array
// (row r of point i at r*m + i) is copied to or from a row of a tile on the stack (r*T + i).
// A loop over all points at once would stride across one memory stream per row, more than
// caches and prefetchers follow once there are dozens, or when m is a power of two.
// Full tiles (n == T) get loops of a known length.
template <std::size_t T>
static inline void nabla_tile_in(const double* __restrict batch, std::size_t m, double* __restrict tile,
                                 std::size_t rows, std::size_t n) {
    if (n == T) {
        for (std::size_t r = 0; r < rows; ++r)
            for (std::size_t i = 0; i < T; ++i) tile[r * T + i] = batch[r * m + i];
    } else {
        for (std::size_t r = 0; r < rows; ++r)
            for (std::size_t i = 0; i < n; ++i) tile[r * T + i] = batch[r * m + i];
    }
}
template <std::size_t T>
static inline void nabla_tile_out(const double* __restrict tile, double* __restrict batch, std::size_t m,
                                  std::size_t rows, std::size_t n) {
    if (n == T) {
        for (std::size_t r = 0; r < rows; ++r)
            for (std::size_t i = 0; i < T; ++i) batch[r * m + i] = tile[r * T + i];
    } else {
        for (std::size_t r = 0; r < rows; ++r)
            for (std::size_t i = 0; i < n; ++i) batch[r * m + i] = tile[r * T + i];
    }
}
#endif
// @end

// limits.hpp — bounds on untrusted sizes, so that bad input errors instead of exhausting the machine.
#pragma once

#include <cstddef>

namespace nabla::limits {

inline constexpr std::size_t max_input_chars = 1'000'000;  // one expression's text
inline constexpr std::size_t max_nesting = 1'000;          // brackets and calls, in the parser
inline constexpr std::size_t max_depth = 5'000;            // depth of a built expression DAG
inline constexpr std::size_t max_number_bits = 1u << 20;   // exact numbers larger stay symbolic
inline constexpr long max_decimal_exponent = 100'000;      // 1e100000 is the largest literal
// The most digits a number within max_number_bits has (2^20 * log10(2) = 315,652.8...), so every
// number nabla holds prints as literals that read back; a longer literal is an error.
inline constexpr std::size_t max_literal_digits = 315'653;
inline constexpr std::size_t max_live_nodes = 20'000'000;  // distinct nodes alive at once (~3 GB)
inline constexpr std::size_t max_diff_order = 100;         // successive derivatives in one request
inline constexpr std::size_t max_line_bytes = 16u << 20;   // one batch, REPL or --wrt input line
inline constexpr std::size_t max_file_bytes = 16u << 20;   // an @FILE or - (stdin) expression text
inline constexpr std::size_t max_result_bytes = 256u << 20;  // one printed result or batch answer
inline constexpr std::size_t max_steps_bytes = 16u << 20;  // the text of one --steps derivation
// Polynomials of expand, together, cancel, factor and collect (docs/simplify.md): each one a
// result may hold, and the work of one operation (term products and terms stored), so that
// (a + b + c + d)^60 is an error instead of minutes of work and gigabytes.
inline constexpr long max_poly_degree = 500;              // total degree in the generators
inline constexpr long max_poly_terms = 10'000;            // terms of one polynomial
inline constexpr long max_poly_generators = 1'000;        // symbols and other atoms in one polynomial
inline constexpr std::size_t max_poly_coefficient_bits = 1u << 16;  // one coefficient
inline constexpr double max_poly_work = 2e7;              // term operations of one operation
// eval --digits (eval/mpfr.hpp): the most significant digits, and the memory of the values one
// evaluation holds (DAG nodes times working precision), so a large expression at many digits is
// an error instead of gigabytes.
inline constexpr std::size_t max_eval_digits = 10'000;
inline constexpr std::size_t max_digits_memory_bytes = 256u << 20;
inline constexpr double default_batch_timeout_seconds = 60;  // per batch request; --timeout

}  // namespace nabla::limits

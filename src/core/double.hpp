// double.hpp — the double nearest to an exact value.
#pragma once

#include "core/expr.hpp"

#include <gmpxx.h>

#include <string>

namespace nabla::core {

// The correctly rounded (to nearest, ties to even) double of an exact rational; +-inf beyond the
// double range.
double to_double(const mpq_class& q);

// The correctly rounded double of a Number, or pi or e (any other node is an InternalError).
double to_double(const Expr& number_or_constant);

// The shortest text that reads back as v ("0.1", "1e+300", "-inf"), for messages.
std::string to_text(double v);

}  // namespace nabla::core

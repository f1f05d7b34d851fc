// batch.hpp — `nabla batch --jsonl`: one JSON request per line in, one JSON answer per line out.
#pragma once

#include "core/limits.hpp"

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

namespace nabla::frontend {

struct BatchOptions {
    double timeout_seconds = limits::default_batch_timeout_seconds;  // per request; 0: none
    std::size_t max_line_bytes = limits::max_line_bytes;
    std::size_t max_result_bytes = limits::max_result_bytes;
};

// Answers one input line (never throws): {"id":..,"ok":true,"result":..} or an error object.
// No time limit: that needs the watchdog of run_jsonl.
std::string answer_line(std::string_view line, const BatchOptions& options = {});

// Reads requests until end of input, writing and flushing one answer per line, in order.
// False when a write failed (the reader has gone): the remaining lines are not read.
bool run_jsonl(std::istream& in, std::ostream& out, const BatchOptions& options = {});

}  // namespace nabla::frontend

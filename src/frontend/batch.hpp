// batch.hpp — `nabla batch --jsonl`: one JSON request per line in, one JSON answer per line out.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

namespace nabla::frontend {

// Answers one input line (never throws): {"id":..,"ok":true,"result":..} or an error object.
std::string answer_line(std::string_view line);

// Reads requests until end of input, writing and flushing one answer per line, in order.
void run_jsonl(std::istream& in, std::ostream& out);

}  // namespace nabla::frontend

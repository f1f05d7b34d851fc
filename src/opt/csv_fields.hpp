// csv_fields.hpp — one CSV line split into fields as spreadsheets write them (RFC 4180 quoting).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace nabla::opt {

// Where a problem in a CSV source is: "source:line:column: what".
[[noreturn]] void fail_at(const std::string& source, std::size_t line, std::size_t column, const std::string& what);

struct CsvField {
    std::string text;    // without surrounding spaces and quotes; "" inside quotes is one "
    std::size_t column;  // 1-based byte position of the field's first character (its quote, if quoted)
    bool quoted;
};

// The separator of a file whose header line is `header`: ',' if one occurs in it outside
// quotes, else ';' if one does, else a tab if one does, else ',' (a single column).
char detect_separator(std::string_view header);

// Splits `line` at `separator`. A field may be quoted ("a,b", "say ""hi"""), with spaces
// around the quotes; a quoted field must end on its line. Throws nabla::Error at the position
// (source, line_number, column) of a quote that does not close or of text after a closing quote.
std::vector<CsvField> split_fields(std::string_view line, char separator, const std::string& source,
                                   std::size_t line_number);

}  // namespace nabla::opt

// data.hpp — a table of numbers with named columns, read from CSV, for fitting models.
#pragma once

#include <cstddef>
#include <istream>
#include <optional>
#include <string>
#include <vector>

namespace nabla::opt {

struct Table {
    std::vector<std::string> columns;
    std::vector<double> values;  // row-major: row r, column c at r * columns.size() + c

    std::size_t rows() const { return columns.empty() ? 0 : values.size() / columns.size(); }
    double at(std::size_t row, std::size_t column) const { return values[row * columns.size() + column]; }
    std::optional<std::size_t> column(const std::string& name) const;
};

struct CsvOptions {
    std::optional<char> separator;  // none: detected from the header line (see detect_separator)
};

// Reads CSV as spreadsheets write it: an optional UTF-8 byte-order mark, a header line of
// column names, then one line of numbers per row, separated by commas (or `separator`); a
// field may be quoted ("1.5", "a ""b"""), on one line; CRLF or LF line ends. Blank lines,
// lines starting with # and rows of empty fields are skipped, spaces around fields ignored.
// Throws nabla::Error naming `source`, the line and the column of the first problem (a column
// name that is not a variable name, such as e, pi or sin, or that is repeated; a field that is
// not a finite number; a row of the wrong length; no rows), or a LimitError past 10^8 bytes,
// having read no more than that.
Table read_csv(std::istream& in, const std::string& source, const CsvOptions& options = {});

}  // namespace nabla::opt

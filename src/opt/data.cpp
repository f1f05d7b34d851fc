// data.cpp — CSV reading with positions in every error.
#include "opt/data.hpp"

#include "core/error.hpp"
#include "core/text.hpp"
#include "parse/parse.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace nabla::opt {

std::optional<std::size_t> Table::column(const std::string& name) const {
    const auto it = std::find(columns.begin(), columns.end(), name);
    if (it == columns.end()) return std::nullopt;
    return static_cast<std::size_t>(it - columns.begin());
}

namespace {

constexpr std::size_t max_bytes = 100'000'000;

struct Field {
    std::string text;
    std::size_t column;  // 1-based character position in the line
};

std::vector<Field> split(const std::string& line) {
    std::vector<Field> fields;
    std::size_t start = 0;
    for (;;) {
        const std::size_t comma = std::min(line.find(',', start), line.size());
        std::size_t a = start, b = comma;
        while (a < b && std::isspace(static_cast<unsigned char>(line[a]))) ++a;
        while (b > a && std::isspace(static_cast<unsigned char>(line[b - 1]))) --b;
        fields.push_back({line.substr(a, b - a), a + 1});
        if (comma == line.size()) return fields;
        start = comma + 1;
    }
}

}  // namespace

Table read_csv(std::istream& in, const std::string& source) {
    Table t;
    std::string line;
    std::size_t number = 0, bytes = 0;
    auto fail = [&](std::size_t column, const std::string& what) {
        throw Error(source + ":" + std::to_string(number) + ":" + std::to_string(column) + ": " + what);
    };
    while (std::getline(in, line)) {
        ++number;
        bytes += line.size() + 1;
        if (bytes > max_bytes) throw LimitError(source + ": data larger than " + std::to_string(max_bytes) + " bytes");
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const std::size_t first = line.find_first_not_of(" \t");
        if (first == std::string::npos || line[first] == '#') continue;
        const std::vector<Field> fields = split(line);
        if (t.columns.empty()) {
            for (const Field& f : fields) {
                if (!parse::is_variable_name(f.text)) {
                    const bool identifier = !f.text.empty() && core::is_name_start(f.text[0])
                                            && std::all_of(f.text.begin(), f.text.end(), core::is_name_char);
                    fail(f.column, "column name '" + f.text + "' is not a variable name"
                                       + (identifier ? " (it names a constant or a function)" : ""));
                }
                if (t.column(f.text)) fail(f.column, "column '" + f.text + "' appears twice");
                t.columns.push_back(f.text);
            }
            continue;
        }
        if (fields.size() != t.columns.size())
            fail(1, "a row of " + std::to_string(fields.size()) + " values, but " + std::to_string(t.columns.size())
                        + " columns");
        for (const Field& f : fields) {
            double v = 0;
            const char* begin = f.text.data() + (f.text.size() > 1 && f.text[0] == '+' ? 1 : 0);
            const char* end = f.text.data() + f.text.size();
            const auto [ptr, ec] = std::from_chars(begin, end, v);
            if (f.text.empty() || ec != std::errc() || ptr != end || !std::isfinite(v))
                fail(f.column, "'" + f.text + "' is not a finite number");
            t.values.push_back(v);
        }
    }
    if (t.columns.empty()) throw Error(source + ": no header line (column names)");
    if (t.rows() == 0) throw Error(source + ": no rows of data");
    return t;
}

}  // namespace nabla::opt

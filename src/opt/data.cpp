// data.cpp — CSV reading with positions in every error.
#include "opt/data.hpp"

#include "core/error.hpp"
#include "core/text.hpp"
#include "opt/csv_fields.hpp"
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

// Reads one line (without its '\n' and a '\r' before it), counting into `bytes`; throws a
// LimitError as soon as the count passes max_bytes, so one endless line cannot fill memory.
bool next_line(std::istream& in, std::string& line, std::size_t& bytes, const std::string& source) {
    line.clear();
    std::streambuf* buffer = in.rdbuf();
    bool any = false;
    for (int c; (c = buffer->sbumpc()) != std::char_traits<char>::eof();) {
        any = true;
        if (++bytes > max_bytes) throw LimitError(source + ": data larger than " + std::to_string(max_bytes) + " bytes");
        if (c == '\n') break;
        line.push_back(static_cast<char>(c));
    }
    if (!any) return false;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return true;
}

// Removes a UTF-8 byte-order mark; a UTF-16 one is an error (the bytes would read as garbage).
void strip_byte_order_mark(std::string& line, const std::string& source) {
    if (line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
    else if (line.starts_with("\xFF\xFE") || line.starts_with("\xFE\xFF"))
        throw Error(source + ": UTF-16 text; save the file as UTF-8 (\"CSV UTF-8\")");
}

bool skipped(const std::string& line) {
    const std::size_t first = line.find_first_not_of(" \t");
    return first == std::string::npos || line[first] == '#';
}

std::string name_problem(const std::string& name) {
    if (name.empty()) return "has no name";
    if (name == "e" || name == "pi") return "is named '" + name + "', the constant " + name + " in a model: rename it";
    if (core::is_name_start(name[0]) && std::all_of(name.begin(), name.end(), core::is_name_char))
        return "is named '" + name + "', a function in a model: rename it";
    return "is named '" + name + "', which is not a variable name (letters, digits and _, not starting with a digit)";
}

double number(const CsvField& f, char separator, const std::string& source, std::size_t line) {
    double v = 0;
    const std::string& text = f.text;
    const char* begin = text.data() + (text.size() > 1 && text[0] == '+' ? 1 : 0);
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(begin, end, v);
    if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(v)) {
        const bool decimal_comma = separator != ',' && text.find(',') != std::string::npos;
        fail_at(source, line, f.column,
                "'" + text + "' is not a finite number" + (decimal_comma ? " (write decimals with '.', not ',')" : ""));
    }
    return v;
}

}  // namespace

Table read_csv(std::istream& in, const std::string& source, const CsvOptions& options) {
    Table t;
    std::string line;
    std::size_t number_of_line = 0, bytes = 0;
    char separator = options.separator.value_or(',');
    while (next_line(in, line, bytes, source)) {
        if (++number_of_line == 1) strip_byte_order_mark(line, source);
        if (skipped(line)) continue;
        if (t.columns.empty() && !options.separator) separator = detect_separator(line);
        const std::vector<CsvField> fields = split_fields(line, separator, source, number_of_line);
        if (t.columns.empty()) {
            for (std::size_t k = 0; k < fields.size(); ++k) {
                const CsvField& f = fields[k];
                if (!parse::is_variable_name(f.text))
                    fail_at(source, number_of_line, f.column, "column " + std::to_string(k + 1) + " " + name_problem(f.text));
                if (t.column(f.text)) fail_at(source, number_of_line, f.column, "column '" + f.text + "' appears twice");
                t.columns.push_back(f.text);
            }
            continue;
        }
        // Spreadsheets write an empty row as separators alone.
        if (std::all_of(fields.begin(), fields.end(), [](const CsvField& f) { return f.text.empty() && !f.quoted; }))
            continue;
        if (fields.size() != t.columns.size())
            fail_at(source, number_of_line, 1,
                    "a row of " + std::to_string(fields.size()) + " values, but " + std::to_string(t.columns.size())
                        + " columns");
        for (const CsvField& f : fields) t.values.push_back(number(f, separator, source, number_of_line));
    }
    if (in.bad()) throw Error(source + ": cannot read the data");
    if (t.columns.empty()) throw Error(source + ": no header line (column names)");
    if (t.rows() == 0) throw Error(source + ": no rows of data");
    return t;
}

}  // namespace nabla::opt

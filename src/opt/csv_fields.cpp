// csv_fields.cpp — a small RFC 4180 field splitter that keeps every field's position.
#include "opt/csv_fields.hpp"

#include "core/error.hpp"

#include <algorithm>

namespace nabla::opt {

void fail_at(const std::string& source, std::size_t line, std::size_t column, const std::string& what) {
    throw Error(source + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + what);
}

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

}  // namespace

char detect_separator(std::string_view header) {
    auto occurs = [&](char separator) {
        bool quoted = false;
        for (char c : header) {
            if (c == '"') quoted = !quoted;  // a doubled "" inside quotes toggles twice
            else if (!quoted && c == separator) return true;
        }
        return false;
    };
    for (char separator : {',', ';', '\t'})
        if (occurs(separator)) return separator;
    return ',';
}

std::vector<CsvField> split_fields(std::string_view line, char separator, const std::string& source,
                                   std::size_t line_number) {
    // A tab separator is not a blank to skip around fields.
    auto blank = [&](char c) { return c != separator && is_blank(c); };
    std::vector<CsvField> fields;
    std::size_t i = 0;
    for (;;) {
        while (i < line.size() && blank(line[i])) ++i;
        CsvField field{"", i + 1, i < line.size() && line[i] == '"'};
        if (field.quoted) {
            for (++i;; ++i) {
                if (i == line.size())
                    fail_at(source, line_number, field.column,
                            "a quoted field that does not end on its line (a closing \" is missing)");
                if (line[i] != '"') {
                    field.text.push_back(line[i]);
                } else if (i + 1 < line.size() && line[i + 1] == '"') {
                    field.text.push_back('"');
                    ++i;
                } else {
                    break;
                }
            }
            ++i;  // past the closing quote
            while (i < line.size() && blank(line[i])) ++i;
            if (i < line.size() && line[i] != separator)
                fail_at(source, line_number, i + 1,
                        std::string("text after a quoted field (expected the separator '")
                            + (separator == '\t' ? "\\t" : std::string(1, separator)) + "')");
        } else {
            const std::size_t end = std::min(line.find(separator, i), line.size());
            std::size_t last = end;
            while (last > i && blank(line[last - 1])) --last;
            field.text = std::string(line.substr(i, last - i));
            i = end;
        }
        fields.push_back(std::move(field));
        if (i >= line.size()) return fields;
        ++i;  // past the separator
    }
}

}  // namespace nabla::opt

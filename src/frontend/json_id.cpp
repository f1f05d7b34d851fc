// json_id.cpp — a flat scan over one JSON object's members; each value skipped with a depth
// counter instead of recursion, then checked by nlohmann's iterative SAX parser.
#include "frontend/json_id.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>

namespace nabla::frontend {
namespace {

using nlohmann::json;

// Accepts every well-formed value.
struct AnyValue : nlohmann::json_sax<json> {
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }
};

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

class Scanner {
public:
    explicit Scanner(std::string_view text) : s_(text) {}

    void skip_blanks() {
        while (i_ < s_.size() && is_blank(s_[i_])) ++i_;
    }
    bool take(char c) {
        if (i_ >= s_.size() || s_[i_] != c) return false;
        ++i_;
        return true;
    }
    bool at(char c) const { return i_ < s_.size() && s_[i_] == c; }
    std::size_t pos() const { return i_; }

    // A string literal, from its opening quote to past its closing one.
    bool skip_string() {
        if (!take('"')) return false;
        while (i_ < s_.size()) {
            const char c = s_[i_++];
            if (c == '\\') ++i_;
            else if (c == '"') return true;
        }
        return false;
    }

    // One value: brackets are counted, strings skipped whole, anything else runs to the next
    // delimiter at depth 0. Validity is checked afterwards.
    bool skip_value() {
        std::size_t depth = 0;
        const std::size_t start = i_;
        while (i_ < s_.size()) {
            const char c = s_[i_];
            if (c == '"') {
                if (!skip_string()) return false;
            } else if (c == '{' || c == '[') {
                ++depth;
                ++i_;
            } else if (c == '}' || c == ']') {
                if (depth == 0) break;
                --depth;
                ++i_;
            } else if (depth == 0 && (c == ',' || is_blank(c))) {
                break;
            } else {
                ++i_;
            }
            if (depth == 0 && i_ > start && (c == '"' || c == '}' || c == ']')) break;
        }
        return depth == 0 && i_ > start;
    }

private:
    std::string_view s_;
    std::size_t i_ = 0;
};

// JSON's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool is_number(std::string_view t) {
    std::size_t i = 0;
    auto digits = [&] {
        const std::size_t start = i;
        while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
        return i > start;
    };
    if (i < t.size() && t[i] == '-') ++i;
    if (i < t.size() && t[i] == '0') ++i;
    else if (!digits()) return false;
    if (i < t.size() && t[i] == '.' && (++i, !digits())) return false;
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
        if (!digits()) return false;
    }
    return i == t.size();
}

// nlohmann's SAX parser checks the structure without recursion, but refuses numbers beyond a
// double's range; so each number is checked by its grammar here and handed to it as 0.
bool is_valid_json(std::string_view value) {
    std::string numbers_as_zero;
    numbers_as_zero.reserve(value.size());
    for (std::size_t i = 0; i < value.size();) {
        const char c = value[i];
        if (c == '"') {
            const std::size_t start = i++;
            while (i < value.size() && value[i] != '"') i += value[i] == '\\' ? 2 : 1;
            i = std::min(i + 1, value.size());
            numbers_as_zero.append(value.substr(start, i - start));
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            const std::size_t start = i;
            while (i < value.size() && std::string_view("+-.eE0123456789").find(value[i]) != std::string_view::npos) ++i;
            if (!is_number(value.substr(start, i - start))) return false;
            numbers_as_zero += '0';
        } else {
            numbers_as_zero += c;
            ++i;
        }
    }
    AnyValue check;
    return json::sax_parse(numbers_as_zero, &check);
}

bool is_id_key(std::string_view quoted) {
    if (quoted == "\"id\"") return true;
    if (quoted.find('\\') == std::string_view::npos) return false;
    try {
        return json::parse(quoted) == "id";  // an escaped spelling such as "\u0069d"
    } catch (const json::exception&) {
        return false;
    }
}

}  // namespace

std::optional<TextSpan> find_id(std::string_view line) {
    Scanner in(line);
    in.skip_blanks();
    if (!in.take('{')) return std::nullopt;
    in.skip_blanks();
    if (in.at('}')) return std::nullopt;
    std::optional<TextSpan> id;
    for (;;) {
        const std::size_t key_begin = in.pos();
        if (!in.skip_string()) return std::nullopt;
        const std::string_view key = line.substr(key_begin, in.pos() - key_begin);
        in.skip_blanks();
        if (!in.take(':')) return std::nullopt;
        in.skip_blanks();
        const std::size_t value_begin = in.pos();
        if (!in.skip_value()) return std::nullopt;
        if (is_id_key(key)) id = TextSpan{value_begin, in.pos()};
        in.skip_blanks();
        if (in.take('}')) break;
        if (!in.take(',')) return std::nullopt;
        in.skip_blanks();
    }
    if (!id) return std::nullopt;
    if (!is_valid_json(line.substr(id->begin, id->end - id->begin))) return std::nullopt;
    return id;
}

}  // namespace nabla::frontend

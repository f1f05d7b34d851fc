// json_text.hpp — a strict JSON syntax check (RFC 8259) that also makes the text readable by
// nlohmann: the batch echoes ids such as 1e400 exactly, which nlohmann refuses as a number
// overflow, so every number a double cannot hold is replaced by the string "number:<text>".
// Iterative, so a deeply nested id cannot overflow the harness's own stack.
#pragma once

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nabla::fuzz {

inline std::optional<std::string> tame_json(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    const auto ws = [&] {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) out += s[i++];
    };
    const auto digits = [&] {
        const std::size_t from = i;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
        return i > from;
    };
    const auto string = [&]() -> bool {  // at '"'
        out += s[i++];
        while (i < s.size() && s[i] != '"') {
            const unsigned char c = static_cast<unsigned char>(s[i]);
            if (c < 0x20) return false;
            if (c == '\\') {
                if (++i >= s.size()) return false;
                if (s[i] == 'u') {
                    if (i + 4 >= s.size()) return false;
                    for (int k = 1; k <= 4; ++k)
                        if (!std::isxdigit(static_cast<unsigned char>(s[i + k]))) return false;
                } else if (std::string_view("\"\\/bfnrt").find(s[i]) == std::string_view::npos) {
                    return false;
                }
                out += '\\';
            }
            out += s[i++];
        }
        if (i >= s.size()) return false;
        out += s[i++];
        return true;
    };
    const auto number = [&]() -> bool {
        const std::size_t from = i;
        if (s[i] == '-') ++i;
        if (i < s.size() && s[i] == '0') {
            ++i;
        } else if (!digits()) {
            return false;
        }
        bool is_float = false;
        if (i < s.size() && s[i] == '.') {
            ++i;
            is_float = true;
            if (!digits()) return false;
        }
        if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
            ++i;
            is_float = true;
            if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
            if (!digits()) return false;
        }
        const std::string text(s.substr(from, i - from));
        if (is_float && !std::isfinite(std::strtod(text.c_str(), nullptr)))
            out += "\"number:" + text + "\"";
        else
            out += text;
        return true;
    };
    // One entry per open container: true for an object.
    std::vector<bool> open;
    bool want_value = true;
    ws();
    while (true) {
        if (want_value) {
            if (i >= s.size()) return std::nullopt;
            const char c = s[i];
            if (c == '{' || c == '[') {
                out += s[i++];
                open.push_back(c == '{');
                ws();
                if (i < s.size() && s[i] == (c == '{' ? '}' : ']')) {
                    out += s[i++];
                    open.pop_back();
                    want_value = false;
                } else if (c == '{') {
                    if (i >= s.size() || s[i] != '"' || !string()) return std::nullopt;
                    ws();
                    if (i >= s.size() || s[i] != ':') return std::nullopt;
                    out += s[i++];
                    ws();
                }
                continue;
            }
            if (c == '"') {
                if (!string()) return std::nullopt;
            } else if (c == '-' || std::isdigit(static_cast<unsigned char>(c))) {
                if (!number()) return std::nullopt;
            } else {
                bool literal = false;
                for (const std::string_view w : {"true", "false", "null"})
                    if (s.substr(i, w.size()) == w) {
                        out += w;
                        i += w.size();
                        literal = true;
                        break;
                    }
                if (!literal) return std::nullopt;
            }
            want_value = false;
        }
        ws();
        if (open.empty()) return i == s.size() ? std::optional<std::string>(std::move(out)) : std::nullopt;
        if (i >= s.size()) return std::nullopt;
        if (s[i] == ',') {
            out += s[i++];
            ws();
            if (open.back()) {
                if (i >= s.size() || s[i] != '"' || !string()) return std::nullopt;
                ws();
                if (i >= s.size() || s[i] != ':') return std::nullopt;
                out += s[i++];
                ws();
            }
            want_value = true;
        } else if (s[i] == (open.back() ? '}' : ']')) {
            out += s[i++];
            open.pop_back();
        } else {
            return std::nullopt;
        }
    }
}

}  // namespace nabla::fuzz

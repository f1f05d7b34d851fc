// render.cpp — formatting results in every output format.
#include "frontend/render.hpp"

#include "core/error.hpp"
#include "print/cse.hpp"
#include "print/print.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>

namespace nabla::frontend {
namespace {

using core::Expr;
using nlohmann::json;

std::string exact_text(const mpq_class& q) { return q.get_str(); }

// Counts the bytes of a result as its pieces are printed, so a huge result stops early.
class Budget {
public:
    explicit Budget(std::size_t max_bytes) : max_(max_bytes) {}
    const std::string& operator()(const std::string& piece) {
        used_ += piece.size();
        if (used_ > max_)
            throw LimitError("result larger than " + std::to_string(max_ >> 20)
                             + " MiB printed (the limit on one result); ask for fewer entries or a smaller expression");
        return piece;
    }

private:
    std::size_t max_;
    std::size_t used_ = 0;
};

std::string json_string(const std::string& s) { return nlohmann::json(s).dump(-1, ' ', false, json::error_handler_t::replace); }

// 1.5e-6 as 1.5 \times 10^{-6}.
std::string latex_decimal(const std::string& decimal) {
    const std::size_t e = decimal.find('e');
    if (e == std::string::npos) return decimal;
    return decimal.substr(0, e) + " \\times 10^{" + decimal.substr(e + 1) + "}";
}

std::string render_value(const Response& r, Format format) {
    const eval::Value& v = r.value;
    if (!r.decimal.empty()) return format == Format::Latex ? latex_decimal(r.decimal) : r.decimal;
    if (v.exact) {
        if (format == Format::Latex) {
            const mpq_class& q = *v.exact;
            if (q.get_den() == 1) return q.get_str();
            return fmt::format("{}\\frac{{{}}}{{{}}}", sgn(q) < 0 ? "-" : "", mpz_class(abs(q.get_num())).get_str(),
                               q.get_den().get_str());
        }
        return exact_text(*v.exact);
    }
    return fmt::format("{}", v.number);
}

std::string print_one(const Expr& e, Format format) {
    switch (format) {
    case Format::Latex: return print::latex(e);
    case Format::Json: return print::json_tree(e);
    default: return print::infix(e);
    }
}

// Labels for CSE output: f, or df/dx_i, or H[i,j] by the variables' names.
std::vector<std::string> labels(const Response& r) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < r.rows.size(); ++i)
        for (std::size_t j = 0; j < r.rows[i].size(); ++j) {
            switch (r.shape) {
            case Response::Shape::Vector: out.push_back("d/d" + r.vars[j].name()); break;
            case Response::Shape::Matrix: out.push_back(fmt::format("[{},{}]", i + 1, j + 1)); break;
            default: out.push_back("result"); break;
            }
        }
    return out;
}

std::string aligned_matrix(const std::vector<std::vector<std::string>>& cells) {
    std::vector<std::size_t> width;
    for (const auto& row : cells)
        for (std::size_t j = 0; j < row.size(); ++j) {
            if (width.size() <= j) width.push_back(0);
            width[j] = std::max(width[j], row[j].size());
        }
    std::string out;
    for (const auto& row : cells) {
        out += "[ ";
        for (std::size_t j = 0; j < row.size(); ++j) {
            out += row[j] + std::string(width[j] - row[j].size(), ' ');
            if (j + 1 < row.size()) out += "  ";
        }
        out += " ]\n";
    }
    return out;
}

}  // namespace

std::optional<Format> format_from_name(std::string_view name) {
    if (name == "infix") return Format::Infix;
    if (name == "latex") return Format::Latex;
    if (name == "json") return Format::Json;
    if (name == "cse") return Format::Cse;
    return std::nullopt;
}

std::string result_fields(const Response& r, std::size_t max_bytes) {
    if (r.shape == Response::Shape::Value) {
        std::string out = r.value.exact ? "\"exact\":" + json_string(exact_text(*r.value.exact)) + "," : "";
        // With digits, the decimal beside the double, which is null past the double range.
        const bool finite = std::isfinite(r.value.number);
        out += "\"result\":" + (finite ? json(r.value.number).dump() : std::string("null"));
        return r.decimal.empty() ? out : out + ",\"decimal\":" + json_string(r.decimal);
    }
    Budget budget(max_bytes);
    std::string out = "\"result\":";
    auto append_row = [&](const std::vector<Expr>& row) {
        out += '[';
        for (std::size_t j = 0; j < row.size(); ++j) {
            if (j) out += ',';
            out += budget(json_string(print::infix(row[j])));
        }
        out += ']';
    };
    switch (r.shape) {
    case Response::Shape::Scalar: out += budget(json_string(print::infix(r.rows[0][0]))); break;
    case Response::Shape::Vector: append_row(r.rows[0]); break;
    default:
        out += '[';
        for (std::size_t i = 0; i < r.rows.size(); ++i) {
            if (i) out += ',';
            append_row(r.rows[i]);
        }
        out += ']';
    }
    return out;
}

std::string render(const Response& r, Format format, std::size_t max_bytes) {
    Budget budget(max_bytes);
    if (r.shape == Response::Shape::Value) return render_value(r, format) + "\n";
    if (format == Format::Cse) {
        std::vector<Expr> roots;
        for (const auto& row : r.rows) roots.insert(roots.end(), row.begin(), row.end());
        return budget(print::cse(roots, labels(r)));
    }
    if (format == Format::Json) {
        json out = json::array();
        for (const auto& row : r.rows) {
            json v = json::array();
            for (const Expr& e : row) v.push_back(json::parse(budget(print::json_tree(e))));
            out.push_back(std::move(v));
        }
        if (r.shape == Response::Shape::Scalar) return out[0][0].dump() + "\n";
        if (r.shape == Response::Shape::Vector) return out[0].dump() + "\n";
        return out.dump() + "\n";
    }
    switch (r.shape) {
    case Response::Shape::Scalar: return budget(print_one(r.rows[0][0], format)) + "\n";
    case Response::Shape::Vector: {
        std::string out;
        if (format == Format::Latex) {
            out = "\\begin{pmatrix}\n";
            for (const Expr& e : r.rows[0]) out += budget(print::latex(e)) + " \\\\\n";
            return out + "\\end{pmatrix}\n";
        }
        for (const Expr& e : r.rows[0]) out += budget(print::infix(e)) + "\n";
        return out;
    }
    case Response::Shape::Matrix: {
        std::vector<std::vector<std::string>> cells;
        for (const auto& row : r.rows) {
            cells.emplace_back();
            for (const Expr& e : row) cells.back().push_back(budget(print_one(e, format)));
        }
        if (format != Format::Latex) return aligned_matrix(cells);
        std::string out = "\\begin{pmatrix}\n";
        for (const auto& row : cells) {
            for (std::size_t j = 0; j < row.size(); ++j) out += (j ? " & " : "") + row[j];
            out += " \\\\\n";
        }
        return out + "\\end{pmatrix}\n";
    }
    default: return "";
    }
}

}  // namespace nabla::frontend

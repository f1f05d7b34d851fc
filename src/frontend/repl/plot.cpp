// plot.cpp — sampling, choosing the value range and laying out the two panels.
#include "frontend/repl/plot.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "frontend/repl/canvas.hpp"
#include "print/print.hpp"
#include "tape/tape.hpp"

namespace nabla::repl {
namespace {

constexpr std::size_t columns = 60;  // characters
constexpr std::size_t rows = 12;
constexpr std::size_t margin = 10;  // for the value labels
constexpr std::size_t title_width = 72;

// The value range to show: all finite values, unless a few (near a pole) would flatten the
// rest, in which case the central 96% of them.
std::pair<double, double> value_range(const std::vector<double>& ys) {
    std::vector<double> finite;
    for (double y : ys)
        if (std::isfinite(y)) finite.push_back(y);
    if (finite.empty()) return {-1, 1};
    std::sort(finite.begin(), finite.end());
    double lo = finite.front(), hi = finite.back();
    const double qlo = finite[finite.size() / 50], qhi = finite[finite.size() - 1 - finite.size() / 50];
    if (hi - lo > 20 * (qhi - qlo) && qhi > qlo) {
        const double pad = (qhi - qlo) / 10;
        lo = qlo - pad, hi = qhi + pad;
    }
    if (hi - lo < 1e-12 * std::max(1.0, std::fabs(hi))) return {lo - 1, hi + 1};
    // A range that nearly reaches 0 is widened to it, so x^2 reads from 0, not from 0.0003.
    if (lo > 0 && lo < (hi - lo) / 50) lo = 0;
    if (hi < 0 && -hi < (hi - lo) / 50) hi = 0;
    return {lo, hi};
}

std::string number(double v) {
    std::string s = fmt::format("{:.4g}", v);
    return s == "-0" ? "0" : s;
}

std::string shorten(std::string s) {
    if (s.size() > title_width) s = s.substr(0, title_width - 3) + "...";
    return s;
}

std::string panel(const std::string& title, const std::vector<double>& xs, const std::vector<double>& ys,
                  const Style& style) {
    Canvas canvas(columns, rows, style.unicode);
    const std::size_t w = canvas.dot_columns(), h = canvas.dot_rows();
    const auto [lo, hi] = value_range(ys);
    const double x0 = xs.front(), x1 = xs.back();
    auto row_of = [&](double y) { return (hi - y) / (hi - lo) * static_cast<double>(h - 1); };
    if (lo <= 0 && hi >= 0) canvas.axis_row(static_cast<std::size_t>(std::lround(row_of(0))));
    if (x0 <= 0 && x1 >= 0)
        canvas.axis_column(
            static_cast<std::size_t>(std::lround(-x0 / (x1 - x0) * static_cast<double>(w - 1))));
    // One sample a dot column, joined to the one before when both are in view, so steep parts
    // stay connected.
    double previous = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t i = 0; i < w && i < ys.size(); ++i) {
        const double r = row_of(ys[i]);
        const bool in_view = std::isfinite(r) && r > -0.5 && r < static_cast<double>(h) - 0.5;
        if (in_view) {
            const long here = std::lround(r);
            long from = here, to = here;
            if (std::isfinite(previous)) {
                const long before = std::lround(previous);
                from = std::min(here, before + (before < here ? 1 : 0));
                to = std::max(here, before - (before > here ? 1 : 0));
            }
            for (long y = from; y <= to; ++y) canvas.curve(i, static_cast<std::size_t>(y));
        }
        previous = in_view ? r : std::numeric_limits<double>::quiet_NaN();
    }
    std::string out = style.name(shorten(title)) + "\n";
    const std::vector<std::string> lines = canvas.lines(style);
    const std::string bar = style.unicode ? "┤" : "|", rule = style.unicode ? "│" : "|";
    for (std::size_t r = 0; r < lines.size(); ++r) {
        std::string label;
        if (r == 0) label = number(hi);
        if (r + 1 == lines.size()) label = number(lo);
        out += fmt::format("{:>{}} ", label, margin - 1) + (label.empty() ? rule : bar) + lines[r] + "\n";
    }
    const std::string left = number(x0), right = number(x1);
    out += std::string(margin, ' ') + (style.unicode ? "└" : "+");
    for (std::size_t c = 0; c < columns; ++c) out += style.unicode ? "─" : "-";
    const std::size_t gap =
        columns + 1 > left.size() + right.size() ? columns + 1 - left.size() - right.size() : 1;
    return out + fmt::format("\n{:{}}{}{:{}}{}\n", "", margin, left, "", gap, right);
}

}  // namespace

Samples sample(const core::Expr& f, const core::Expr& df, const core::Expr& x, double lo, double hi,
               std::size_t n) {
    const core::Expr roots[] = {f, df};
    const tape::Tape program(roots, std::span(&x, 1));
    Samples s;
    double out[2];
    for (std::size_t i = 0; i < n; ++i) {
        const double xi = lo + (hi - lo) * static_cast<double>(i) / static_cast<double>(n - 1);
        program.run(std::span(&xi, 1), out);
        s.x.push_back(xi);
        s.f.push_back(std::isfinite(out[0]) ? out[0] : std::numeric_limits<double>::quiet_NaN());
        s.df.push_back(std::isfinite(out[1]) ? out[1] : std::numeric_limits<double>::quiet_NaN());
    }
    return s;
}

std::string draw_plot(const core::Expr& f, const core::Expr& df, const core::Expr& x, double lo, double hi,
                      const Style& style) {
    const std::size_t n = columns * (style.unicode ? 2 : 1);
    const Samples s = sample(f, df, x, lo, hi, n);
    const std::string var = x.name();
    return panel(print::infix(f), s.x, s.f, style) + "\n" +
           panel("d/d" + var + ": " + print::infix(df), s.x, s.df, style);
}

}  // namespace nabla::repl

// canvas.cpp — dot bookkeeping and the braille code points.
#include "frontend/repl/canvas.hpp"

namespace nabla::repl {
namespace {

// U+2800 + bits, in UTF-8.
std::string braille_char(std::uint8_t bits) {
    const unsigned code = 0x2800u + bits;
    std::string s;
    s += static_cast<char>(0xE0 | (code >> 12));
    s += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (code & 0x3F));
    return s;
}

}  // namespace

Canvas::Canvas(std::size_t columns, std::size_t rows, bool braille)
    : columns_(columns), rows_(rows), braille_(braille), cells_(columns * rows) {}

Canvas::Cell& Canvas::cell(std::size_t x, std::size_t y) {
    return braille_ ? cells_[(y / 4) * columns_ + x / 2] : cells_[y * columns_ + x];
}

// Braille numbers its dots down the left column, down the right, then the bottom pair.
std::uint8_t Canvas::bit(std::size_t x, std::size_t y) const {
    if (!braille_) return 1;
    static constexpr std::uint8_t bits[4][2] = {{0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}};
    return bits[y % 4][x % 2];
}

void Canvas::curve(std::size_t x, std::size_t y) {
    if (x < dot_columns() && y < dot_rows()) cell(x, y).curve |= bit(x, y);
}

void Canvas::axis_row(std::size_t y) {
    if (y >= dot_rows()) return;
    for (std::size_t x = 0; x < dot_columns(); ++x) {
        Cell& c = cell(x, y);
        c.axis |= bit(x, y);
        c.ascii_axis = c.ascii_axis == '|' ? '+' : '-';
    }
}

void Canvas::axis_column(std::size_t x) {
    if (x >= dot_columns()) return;
    for (std::size_t y = 0; y < dot_rows(); ++y) {
        Cell& c = cell(x, y);
        c.axis |= bit(x, y);
        c.ascii_axis = c.ascii_axis == '-' ? '+' : '|';
    }
}

std::vector<std::string> Canvas::lines(const Style& style) const {
    std::vector<std::string> out;
    for (std::size_t r = 0; r < rows_; ++r) {
        std::string line;
        for (std::size_t c = 0; c < columns_; ++c) {
            const Cell& cell = cells_[r * columns_ + c];
            if (braille_) {
                if (cell.curve)
                    line += style.paint("33", braille_char(cell.curve | cell.axis));
                else if (cell.axis)
                    line += style.dim(braille_char(cell.axis));
                else
                    line += braille_char(0);
            } else {
                if (cell.curve)
                    line += style.paint("33", "*");
                else if (cell.ascii_axis)
                    line += style.dim(std::string(1, cell.ascii_axis));
                else
                    line += ' ';
            }
        }
        // Trailing blanks carry nothing and make transcripts hard to compare.
        if (!braille_ && !style.colour) line.erase(line.find_last_not_of(' ') + 1);
        out.push_back(std::move(line));
    }
    return out;
}

}  // namespace nabla::repl

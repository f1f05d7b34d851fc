// canvas.hpp — a grid of dots drawn as Unicode braille (2x4 dots a character) or as ASCII.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "frontend/repl/style.hpp"

namespace nabla::repl {

class Canvas {
public:
    Canvas(std::size_t columns, std::size_t rows, bool braille);

    std::size_t dot_columns() const { return columns_ * (braille_ ? 2 : 1); }
    std::size_t dot_rows() const { return rows_ * (braille_ ? 4 : 1); }

    void curve(std::size_t x, std::size_t y);  // dot (x, y), y = 0 at the top
    void axis_row(std::size_t y);              // the line y = 0, behind the curve
    void axis_column(std::size_t x);           // the line x = 0

    // One string per character row; the curve coloured, the axes dimmed.
    std::vector<std::string> lines(const Style& style) const;

private:
    struct Cell {
        std::uint8_t curve = 0;  // braille dot bits (ASCII: 1 when set)
        std::uint8_t axis = 0;
        char ascii_axis = 0;  // '-', '|' or '+'
    };
    Cell& cell(std::size_t x, std::size_t y);
    std::uint8_t bit(std::size_t x, std::size_t y) const;

    std::size_t columns_, rows_;
    bool braille_;
    std::vector<Cell> cells_;
};

}  // namespace nabla::repl

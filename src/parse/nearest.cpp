// nearest.cpp — edit distance and the typo rule shared by function names and the command line.
#include "parse/nearest.hpp"

#include <algorithm>
#include <vector>

namespace nabla::parse {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.size()][b.size()];
}

std::optional<std::string_view> nearest_name(std::string_view name, std::span<const std::string_view> candidates) {
    if (name.size() > 32) return std::nullopt;  // not a typo; and the distance table stays small
    std::optional<std::string_view> best;
    std::size_t best_distance = 3;
    for (std::string_view candidate : candidates) {
        const std::size_t d = edit_distance(name, candidate);
        if (d < best_distance && 2 * d <= name.size()) best = candidate, best_distance = d;
    }
    return best;
}

}  // namespace nabla::parse

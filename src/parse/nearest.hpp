// nearest.hpp — "did you mean ...?": the known name closest to a misspelt one.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace nabla::parse {

// Edit distance counting a swap of neighbours as one edit (optimal string alignment): "sni" is
// one edit from "sin".
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `name` when it is a likely typo: at most two edits, and at most one
// per two letters of the name (so "bar" suggests nothing rather than "tan"). The first of equally
// close candidates wins.
std::optional<std::string_view> nearest_name(std::string_view name, std::span<const std::string_view> candidates);

}  // namespace nabla::parse

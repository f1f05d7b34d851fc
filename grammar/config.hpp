// config.hpp — the one place naming the iterator, skipper, error handler and context types.
//
// The rules are instantiated for exactly these types (expression.cpp); a caller using any other
// combination fails to link with an undefined parse_rule.
#pragma once

#include "grammar/error_handler.hpp"

#include <boost/spirit/home/x3.hpp>

#include <cstddef>
#include <functional>
#include <memory>
#include <string_view>

namespace nabla::grammar {

namespace x3 = boost::spirit::x3;

using iterator_type = std::string_view::const_iterator;

// Between tokens: whitespace (newlines and tabs included) and '#' comments to the end of a line
// (core::skip_blank). One hand-written parser that eats the whole run: X3 calls the skipper
// before every token, so this is the hottest parser; it also avoids <cctype>, undefined for
// bytes >= 0x80.
struct BlankSkipper : x3::parser<BlankSkipper> {
    using attribute_type = x3::unused_type;
    static constexpr bool has_attribute = false;

    template <typename Iterator, typename Context, typename RContext, typename Attribute>
    bool parse(Iterator& first, const Iterator& last, const Context&, RContext&, Attribute&) const {
        const std::string_view rest(std::to_address(first), static_cast<std::size_t>(last - first));
        const std::size_t skipped = core::skip_blank(rest, 0);
        first += static_cast<std::ptrdiff_t>(skipped);
        return skipped != 0;
    }
};

inline constexpr BlankSkipper skipper{};
using skipper_type = BlankSkipper;

using error_handler_type = ErrorHandler<iterator_type>;

using phrase_context_type = x3::phrase_parse_context<skipper_type>::type;
using context_type = x3::context<x3::error_handler_tag, std::reference_wrapper<error_handler_type>,
                                 phrase_context_type>;

}  // namespace nabla::grammar

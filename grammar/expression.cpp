// expression.cpp — instantiates the grammar once, for the types named in config.hpp.
#include "grammar/config.hpp"
#include "grammar/expression_def.hpp"

namespace nabla::grammar::parser {
BOOST_SPIRIT_INSTANTIATE(input_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(expression_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(argument_type, iterator_type, context_type)
}  // namespace nabla::grammar::parser

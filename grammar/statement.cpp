// statement.cpp — instantiates the statement grammar once, for the types named in config.hpp.
#include "grammar/config.hpp"
#include "grammar/statement_def.hpp"

namespace nabla::grammar::parser {
BOOST_SPIRIT_INSTANTIATE(statement_input_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(arguments_input_type, iterator_type, context_type)
}  // namespace nabla::grammar::parser

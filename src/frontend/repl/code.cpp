// code.cpp — :code: not available until the code generator (src/codegen) is part of the build.
#include "frontend/repl/code.hpp"

#include "core/error.hpp"

namespace nabla::repl {

std::string generated_code(const frontend::Result&, const Piece& at) {
    throw Error(":code is not available in this build: nabla's C++ code generator (src/codegen) is not part of it yet",
                char_offset(at.statement, at.begin));
}

}  // namespace nabla::repl

// version.cpp — the version CMake passes in as NABLA_VERSION.
#include "frontend/version.hpp"

namespace nabla::frontend {

std::string_view version() { return NABLA_VERSION; }

}  // namespace nabla::frontend

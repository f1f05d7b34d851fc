// thread.hpp — a thread with a large stack, for work whose recursion follows the input's depth.
#pragma once

#include <cstddef>
#include <functional>

namespace nabla::core {

enum class ThreadEnd { Join, Detach };

// Runs `body` on a new thread whose stack reserves `stack_bytes` (pages are touched only as
// used). With Join it returns once body has finished, with Detach at once. False, without
// running body, when no thread can be had. body must not throw: catch inside it.
bool run_thread(std::size_t stack_bytes, std::function<void()> body, ThreadEnd end);

}  // namespace nabla::core

// input_checks.hpp — the limits checked before the grammar runs, and the stack deep input needs.
#pragma once

#include "core/thread.hpp"

#include <cstddef>
#include <exception>
#include <string_view>

namespace nabla::parse {

// Throws LimitError (without a position) past limits::max_input_chars characters.
void check_length(std::string_view text);

// Parentheses, brackets, calls and √ are the only recursion in the grammar and the lowering;
// bounding them here bounds the stack, whatever the input. A √ nests until its operand ends,
// which a scan cannot tell cheaply, so every √ counts as one more level for the rest of the
// text. Throws LimitError past limits::max_nesting; returns the depth.
std::size_t check_nesting(std::string_view text);

// Nesting this shallow fits any stack; deeper input is parsed on a thread of its own.
inline constexpr std::size_t shallow_nesting = 64;

// Runs `task` on a thread with a stack large enough for the deepest nesting allowed, even in
// sanitizer builds whose frames are several times larger; the exception, if any, comes back.
template <class Task>
auto on_large_stack(Task&& task) -> decltype(task()) {
    constexpr std::size_t stack_bytes = std::size_t{512} << 20;
    decltype(task()) result;
    std::exception_ptr error;
    const bool ran = core::run_thread(stack_bytes, [&] {
        try {
            result = task();
        } catch (...) {
            error = std::current_exception();
        }
    }, core::ThreadEnd::Join);
    if (!ran) return task();  // no thread to be had: parse here, as shallow inputs always are
    if (error) std::rethrow_exception(error);
    return result;
}


}  // namespace nabla::parse

// error.hpp — the error types every nabla module throws; frontends catch nabla::Error, and
// nabla::Cancelled and nabla::InternalError apart from it.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>

namespace nabla {

// A user-facing error. `position` is a 0-based character offset into the input text
// the error refers to, when there is one.
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message, std::optional<std::size_t> position = std::nullopt)
        : std::runtime_error(message), position_(position) {}
    std::optional<std::size_t> position() const { return position_; }

private:
    std::optional<std::size_t> position_;
};

// The text is not in the expression language.
class ParseError : public Error {
public:
    using Error::Error;
};

// A value outside a function's domain (log(0), division by zero) in exact or float evaluation.
class DomainError : public Error {
public:
    using Error::Error;
};

// An input or a result exceeds one of the limits in limits.hpp.
class LimitError : public Error {
public:
    using Error::Error;
};

// The computation was stopped on request (see core::request_cancel): Ctrl-C or a time limit.
// Not an Error: code that recovers from an Error (a rule that does not apply, a fallback) lets
// it pass, so it unwinds to the frontend that asked for it.
class Cancelled : public std::exception {
public:
    const char* what() const noexcept override { return "interrupted"; }
};

// A bug in nabla itself, not in the input.
class InternalError : public std::logic_error {
public:
    using std::logic_error::logic_error;
};

}  // namespace nabla

#define NABLA_ASSERT(cond, msg)                                                                \
    do {                                                                                       \
        if (!(cond))                                                                           \
            throw ::nabla::InternalError(std::string(__FILE__) + ":" + std::to_string(__LINE__) \
                                         + ": " + (msg));                                      \
    } while (0)

// deadline.hpp — a time limit on one computation, enforced by the core's cooperative cancel.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

namespace nabla::frontend {

// A watchdog thread: when an armed limit passes it calls core::request_cancel(), so the
// running computation throws nabla::Cancelled at its next step, as it does for Ctrl-C.
class Deadline {
public:
    Deadline();
    ~Deadline();
    Deadline(const Deadline&) = delete;
    Deadline& operator=(const Deadline&) = delete;

    // Starts the clock (clearing any earlier cancel); zero seconds means no limit.
    void arm(double seconds);
    // Stops the clock; true if the limit passed (and cancelled the computation) since arm().
    bool disarm();

private:
    void watch();

    std::mutex mutex_;
    std::condition_variable wake_;
    std::optional<std::chrono::steady_clock::time_point> due_;
    bool expired_ = false;
    bool quit_ = false;
    std::thread thread_;
};

}  // namespace nabla::frontend

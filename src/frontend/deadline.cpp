// deadline.cpp — the watchdog behind batch --timeout.
#include "frontend/deadline.hpp"

#include "core/expr.hpp"

namespace nabla::frontend {

Deadline::Deadline() : thread_([this] { watch(); }) {}

Deadline::~Deadline() {
    {
        std::lock_guard lock(mutex_);
        quit_ = true;
    }
    wake_.notify_one();
    thread_.join();
}

void Deadline::arm(double seconds) {
    core::clear_cancel();
    std::lock_guard lock(mutex_);
    expired_ = false;
    due_.reset();
    if (seconds > 0)
        due_ = std::chrono::steady_clock::now()
             + std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(seconds));
    wake_.notify_one();
}

bool Deadline::disarm() {
    std::lock_guard lock(mutex_);
    due_.reset();
    const bool expired = expired_;
    expired_ = false;
    if (expired) core::clear_cancel();
    return expired;
}

void Deadline::watch() {
    std::unique_lock lock(mutex_);
    while (!quit_) {
        if (!due_) {
            wake_.wait(lock);
            continue;
        }
        if (wake_.wait_until(lock, *due_) == std::cv_status::timeout && due_
            && std::chrono::steady_clock::now() >= *due_) {
            due_.reset();
            expired_ = true;
            core::request_cancel();
        }
    }
}

}  // namespace nabla::frontend

// worker.cpp — a detached large-stack thread per job, a commit gate, and polling waits.
#include "frontend/repl/worker.hpp"

#include "core/expr.hpp"
#include "core/thread.hpp"

#include <chrono>
#include <condition_variable>
#include <exception>
#include <iostream>
#include <mutex>

namespace nabla::repl {

struct Worker::State {
    std::mutex mutex;
    std::condition_variable done;
    Job job;
    bool abandoned = false;
    bool committed = false;
    bool finished = false;

    bool may_commit() {
        std::lock_guard lock(mutex);
        if (abandoned) return false;
        committed = true;
        return true;
    }

    void work() {
        try {
            job([this] { return may_commit(); });
        } catch (const std::exception& e) {
            // Session::execute reports every error it knows; this is the last line of defence.
            std::cerr << "nabla: internal error: " << e.what() << "\n";
        }
        job = nullptr;  // destroy what the job holds here, on this thread
        std::lock_guard lock(mutex);
        if (abandoned) core::clear_cancel();  // asked under this lock, and only while unfinished
        finished = true;
        done.notify_all();
    }
};

namespace {

constexpr auto poll = std::chrono::milliseconds(30);
constexpr auto stop_grace = std::chrono::seconds(2);

}  // namespace

bool Worker::idle() const {
    if (!current_) return true;
    std::lock_guard lock(current_->mutex);
    return current_->finished;
}

bool Worker::wait_idle(const std::function<bool()>& interrupted) {
    if (!current_) return true;
    std::unique_lock lock(current_->mutex);
    while (!current_->finished) {
        if (interrupted()) return false;
        current_->done.wait_for(lock, poll);
    }
    return true;
}

Worker::Outcome Worker::run(Job job, const std::function<bool()>& interrupted) {
    core::clear_cancel();  // idle: no computation is left to stop
    current_ = std::make_shared<State>();
    current_->job = std::move(job);
    // A large stack: deep expressions recurse deeply in the core.
    if (!core::run_thread(stack_bytes, [state = current_] { state->work(); }, core::ThreadEnd::Detach)) {
        current_->work();  // no thread to be had: run here, uninterruptibly
        return Outcome::Finished;
    }
    std::unique_lock lock(current_->mutex);
    while (!current_->finished) {
        if (!current_->committed && interrupted()) {
            current_->abandoned = true;
            // The core stops at the next node it builds; give it a moment to unwind.
            core::request_cancel();
            current_->done.wait_for(lock, stop_grace, [this] { return current_->finished; });
            return Outcome::Interrupted;
        }
        current_->done.wait_for(lock, poll);
    }
    return Outcome::Finished;
}

}  // namespace nabla::repl

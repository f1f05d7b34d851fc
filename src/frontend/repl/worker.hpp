// worker.hpp — runs each statement on its own thread with a large stack, so Ctrl-C can stop it.
//
// An interrupted job is stopped through core::request_cancel(): the core throws at the next
// node it builds, and the job unwinds and discards its result (it asks may_commit before
// changing anything). A job busy outside the core (printing a huge result, say) may run on for
// a while; the core is single-threaded, so the next job waits for it to end; wait_idle() does
// that and can itself be interrupted.
#pragma once

#include <functional>
#include <memory>

namespace nabla::repl {

class Worker {
public:
    enum class Outcome { Finished, Interrupted };
    using MayCommit = std::function<bool()>;
    // The job's own results must live in storage it owns (a shared_ptr it captures): after an
    // interruption the caller moves on while the job still runs.
    using Job = std::function<void(const MayCommit&)>;

    static constexpr std::size_t stack_bytes = std::size_t{256} << 20;

    // Runs the job and waits for it, polling `interrupted` (the Ctrl-C flag). Interrupted is
    // returned only while the job has not yet committed; once it has, it is waited for.
    // Call only when idle().
    Outcome run(Job job, const std::function<bool()>& interrupted);

    bool idle() const;
    // Waits for an abandoned job to end; false when `interrupted` came first.
    bool wait_idle(const std::function<bool()>& interrupted);

    struct State;

private:
    std::shared_ptr<State> current_;
};

}  // namespace nabla::repl

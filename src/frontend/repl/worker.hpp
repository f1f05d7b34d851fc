// worker.hpp — runs each statement on its own thread with a large stack, so Ctrl-C can give up
// on it.
//
// The core has no way to stop a computation part-way, so an interrupted job is abandoned, not
// killed: it runs on to its end in the background and then discards its result (it asks
// may_commit before changing anything). The core is single-threaded, so the next job waits for
// an abandoned one to end; wait_idle() does that and can itself be interrupted.
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

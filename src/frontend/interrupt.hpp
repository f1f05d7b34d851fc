// interrupt.hpp — Ctrl-C during a search stops it with its best point instead of killing nabla.
#pragma once

#include <csignal>

namespace nabla::frontend {

// While alive, the first SIGINT calls core::request_cancel(), so the running search throws
// opt::Interrupted (with its best point) at its next evaluation; a second SIGINT kills the
// process as usual, for a computation that does not look for the request.
class CtrlCStops {
public:
    CtrlCStops();
    ~CtrlCStops();
    CtrlCStops(const CtrlCStops&) = delete;
    CtrlCStops& operator=(const CtrlCStops&) = delete;

private:
    struct sigaction previous_{};
};

}  // namespace nabla::frontend

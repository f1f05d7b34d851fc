// interrupt.cpp — a SIGINT handler that only sets the core's cancel flag (async-signal-safe).
#include "frontend/interrupt.hpp"

#include "core/expr.hpp"

namespace nabla::frontend {
namespace {

extern "C" void request_cancel_on_signal(int) { core::request_cancel(); }

}  // namespace

CtrlCStops::CtrlCStops() {
    struct sigaction action{};
    action.sa_handler = request_cancel_on_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND;  // the second Ctrl-C gets the default action
    sigaction(SIGINT, &action, &previous_);
}

CtrlCStops::~CtrlCStops() { sigaction(SIGINT, &previous_, nullptr); }

}  // namespace nabla::frontend

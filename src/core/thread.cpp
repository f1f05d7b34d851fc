// thread.cpp — pthreads, since std::thread cannot set a stack size.
#include "core/thread.hpp"

#include <pthread.h>

#include <memory>

namespace nabla::core {

namespace {

void* thread_main(void* arg) {
    const std::unique_ptr<std::function<void()>> body(static_cast<std::function<void()>*>(arg));
    (*body)();
    return nullptr;
}

}  // namespace

bool run_thread(std::size_t stack_bytes, std::function<void()> body, ThreadEnd end) {
    pthread_attr_t attr;
    if (pthread_attr_init(&attr) != 0) return false;
    pthread_attr_setstacksize(&attr, stack_bytes);
    if (end == ThreadEnd::Detach) pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    auto* arg = new std::function<void()>(std::move(body));
    pthread_t thread;
    const bool started = pthread_create(&thread, &attr, thread_main, arg) == 0;
    pthread_attr_destroy(&attr);
    if (!started) {
        delete arg;
        return false;
    }
    if (end == ThreadEnd::Join) pthread_join(thread, nullptr);
    return true;
}

}  // namespace nabla::core

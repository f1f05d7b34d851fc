// lsan_probe.cpp — leaks on purpose. In a sanitizer build ctest expects LeakSanitizer's report
// from it: proof that leak checking really runs, so the suite's clean run means leak-free.
#include <cstdio>
#include <cstdlib>

int main() {
    void* volatile lost = std::malloc(4242);
    std::printf("allocated %p and dropped it\n", lost);
    lost = nullptr;
    return 0;
}

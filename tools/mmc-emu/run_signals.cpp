#include "tools/mmc-emu/run_signals.hpp"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <pthread.h>

namespace spindle::cli {

sigset_t stop_signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    return set;
}

std::expected<void, std::string> block_stop_signals() {
    const sigset_t set = stop_signals();
    if (const int e = pthread_sigmask(SIG_BLOCK, &set, nullptr); e != 0)
        return std::unexpected(fmt::format("cannot block signals: {}", std::strerror(e)));
    return {};
}

bool stop_requested() {
    sigset_t pending;
    if (sigpending(&pending) != 0) return false;
    return sigismember(&pending, SIGINT) == 1 || sigismember(&pending, SIGTERM) == 1;
}

int wait_for_stop() {
    const sigset_t set = stop_signals();
    int sig = 0;
    while (const int e = sigwait(&set, &sig)) {
        if (e != EINTR) {
            fmt::print(stderr, "mmc-emu: sigwait: {}\n", std::strerror(e));
            return 0;
        }
    }
    return sig;
}

} // namespace spindle::cli

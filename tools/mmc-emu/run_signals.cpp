#include "tools/mmc-emu/run_signals.hpp"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <poll.h>
#include <pthread.h>
#include <sys/signalfd.h>
#include <unistd.h>

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

int wait_for_stop_or(int fd) {
    const sigset_t set = stop_signals();
    const int sfd = ::signalfd(-1, &set, SFD_CLOEXEC);
    if (sfd < 0) {
        fmt::print(stderr, "mmc-emu: signalfd: {}\n", std::strerror(errno));
        return wait_for_stop();
    }
    int sig = 0;
    for (;;) {
        pollfd fds[2] = {{sfd, POLLIN, 0}, {fd, POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            fmt::print(stderr, "mmc-emu: poll: {}\n", std::strerror(errno));
            sig = SIGTERM; // cannot wait any more: stop as if asked to
            break;
        }
        if (fds[0].revents & POLLIN) {
            signalfd_siginfo info{};
            if (::read(sfd, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
                sig = static_cast<int>(info.ssi_signo);
                break;
            }
        }
        if (fds[1].revents & POLLIN) {
            std::uint64_t count = 0;
            if (::read(fd, &count, sizeof count) < 0 && errno == EINTR) continue;
            break;
        }
    }
    ::close(sfd);
    return sig;
}

} // namespace spindle::cli

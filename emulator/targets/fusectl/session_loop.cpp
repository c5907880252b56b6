#include "emulator/targets/fusectl/session_loop.hpp"

#define FUSE_USE_VERSION 35
#include <fuse_lowlevel.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace spindle::fuse {

SessionLoop::~SessionLoop() {
    stop();
    if (wake_fd_ >= 0) ::close(wake_fd_);
}

std::expected<void, std::string> SessionLoop::start(fuse_session* session, Tick tick) {
    session_ = session;
    tick_ = std::move(tick);
    if (wake_fd_ < 0) {
        wake_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
        if (wake_fd_ < 0) return std::unexpected(fmt::format("eventfd: {}", std::strerror(errno)));
    }
    // Reads of the session's fd must never block the loop (an interrupted request is restarted
    // inside libfuse's receive: with O_NONBLOCK it ends with EAGAIN instead of waiting).
    const int fd = fuse_session_fd(session_);
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
        return std::unexpected(fmt::format("fcntl on the FUSE device: {}", std::strerror(errno)));
    try {
        thread_ = std::thread([this] { loop(); });
    } catch (const std::system_error& e) {
        return std::unexpected(fmt::format("cannot start the FUSE thread: {}", e.what()));
    }
    return {};
}

void SessionLoop::wake() const {
    if (wake_fd_ < 0) return;
    const std::uint64_t one = 1;
    while (::write(wake_fd_, &one, sizeof one) < 0 && errno == EINTR) {
    }
}

void SessionLoop::stop() {
    if (!thread_.joinable()) return;
    stopping_.store(true);
    wake();
    thread_.join();
}

void SessionLoop::loop() {
    fuse_buf buf{};
    std::optional<std::chrono::nanoseconds> wait;
    const int fd = fuse_session_fd(session_);
    while (!stopping_.load()) {
        pollfd fds[2] = {{fd, POLLIN, 0}, {wake_fd_, POLLIN, 0}};
        int timeout_ms = -1;
        if (wait) timeout_ms = static_cast<int>(std::min<std::int64_t>((wait->count() + 999'999) / 1'000'000, 60'000));
        const int n = ::poll(fds, 2, timeout_ms);
        if (n < 0 && errno != EINTR) break;
        if (n > 0 && (fds[1].revents & POLLIN)) {
            std::uint64_t count = 0;
            while (::read(wake_fd_, &count, sizeof count) < 0 && errno == EINTR) {
            }
        }
        if (n > 0 && (fds[0].revents & (POLLIN | POLLERR | POLLHUP))) {
            // Everything queued, then back to poll.
            for (;;) {
                const int r = fuse_session_receive_buf(session_, &buf);
                if (r == -EINTR) continue;
                if (r == -EAGAIN) break;
                if (r <= 0 || fuse_session_exited(session_)) {
                    ended_.store(true);
                    break;
                }
                fuse_session_process_buf(session_, &buf);
            }
            if (ended_.load()) break;
        }
        wait = tick_ ? tick_() : std::nullopt;
    }
    std::free(buf.mem);
}

} // namespace spindle::fuse

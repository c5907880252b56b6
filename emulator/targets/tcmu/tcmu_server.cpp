#include "emulator/targets/tcmu/tcmu_server.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace spindle::tcmu {

TcmuServer::TcmuServer(Log log) : log_(std::move(log)) {}

TcmuServer::~TcmuServer() {
    stop();
    if (wake_fd_ >= 0) ::close(wake_fd_);
}

std::expected<void, std::string> TcmuServer::start() {
    if (wake_fd_ < 0) {
        wake_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
        if (wake_fd_ < 0) return std::unexpected(fmt::format("eventfd: {}", std::strerror(errno)));
    }
    try {
        thread_ = std::thread([this] { loop(); });
    } catch (const std::system_error& e) {
        return std::unexpected(fmt::format("cannot start the serving thread: {}", e.what()));
    }
    return {};
}

void TcmuServer::add(std::unique_ptr<TcmuDevice> device) {
    {
        std::lock_guard lock(mutex_);
        incoming_.push_back(std::move(device));
    }
    wake();
}

void TcmuServer::remove(const TcmuDevice* device) {
    std::unique_lock lock(mutex_);
    if (!thread_.joinable() || stopping_) return;
    removing_.push_back(device);
    lock.unlock();
    wake();
    lock.lock();
    removed_.wait(lock, [&] { return stopping_ || std::ranges::find(removing_, device) == removing_.end(); });
}

void TcmuServer::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake();
    if (thread_.joinable()) thread_.join();
}

void TcmuServer::wake() const {
    if (wake_fd_ < 0) return;
    const std::uint64_t one = 1;
    while (::write(wake_fd_, &one, sizeof one) < 0 && errno == EINTR) {
    }
}

void TcmuServer::loop() {
    std::vector<std::unique_ptr<TcmuDevice>> devices;
    std::vector<pollfd> fds;
    std::optional<Duration> wait;
    for (;;) {
        // An exception escaping this thread would end the process: a turn that fails (no
        // memory for the poll list) is logged and the next one tried. Devices never throw.
        try {
            if (!turn(devices, fds, wait)) return;
        } catch (const std::exception& e) {
            say("serving loop: ", e.what());
        } catch (...) {
            say("serving loop: ", "unknown exception");
        }
    }
}

void TcmuServer::say(std::string_view what, std::string_view detail) const noexcept {
    if (!log_) return;
    try {
        log_(fmt::format("{}{}", what, detail));
    } catch (...) { // no memory to say it: nothing more to do
    }
}

bool TcmuServer::turn(std::vector<std::unique_ptr<TcmuDevice>>& devices, std::vector<pollfd>& fds,
                      std::optional<Duration>& wait) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) {
            removed_.notify_all();
            return false;
        }
        for (auto& d : incoming_) devices.push_back(std::move(d));
        incoming_.clear();
        if (!removing_.empty()) {
            std::erase_if(devices,
                          [&](const auto& d) { return std::ranges::find(removing_, d.get()) != removing_.end(); });
            removing_.clear();
            removed_.notify_all();
        }
    }
    // The kernel may have queued commands before we polled: look at every ring once.
    fds.assign(1, pollfd{wake_fd_, POLLIN, 0});
    for (const auto& d : devices) fds.push_back(pollfd{d->fd(), POLLIN, 0});

    timespec ts{};
    const timespec* timeout = nullptr;
    if (wait) {
        const auto ns = wait->count();
        ts.tv_sec = static_cast<time_t>(ns / 1'000'000'000);
        ts.tv_nsec = static_cast<long>(ns % 1'000'000'000);
        timeout = &ts;
    }
    const int n = ::ppoll(fds.data(), fds.size(), timeout, nullptr);
    if (n < 0 && errno != EINTR) {
        say("poll: ", std::strerror(errno));
        return false;
    }
    if (n > 0 && (fds[0].revents & POLLIN)) {
        std::uint64_t count = 0;
        while (::read(wake_fd_, &count, sizeof count) < 0 && errno == EINTR) {
        }
    }

    wait.reset();
    for (std::size_t i = 0; i < devices.size(); ++i) {
        auto& d = *devices[i];
        if (n > 0 && (fds[i + 1].revents & (POLLIN | POLLERR | POLLHUP))) d.on_readable();
        if (auto next = d.deliver_due()) wait = wait ? std::min(*wait, *next) : *next;
    }
    std::erase_if(devices, [](const auto& d) { return !d->alive(); });
    return true;
}

} // namespace spindle::tcmu

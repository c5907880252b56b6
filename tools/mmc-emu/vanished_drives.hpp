#pragma once
// Drives whose device vanished (a fault's Delivery::DeviceGone): a target's serving thread
// reports them, the main thread, woken through an eventfd, removes their kernel devices.
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <sys/eventfd.h>
#include <unistd.h>
#include <utility>
#include <vector>

namespace spindle::cli {

class VanishedDrives {
public:
    VanishedDrives() : fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {}
    ~VanishedDrives() {
        if (fd_ >= 0) ::close(fd_);
    }
    VanishedDrives(const VanishedDrives&) = delete;
    VanishedDrives& operator=(const VanishedDrives&) = delete;

    bool valid() const { return fd_ >= 0; }
    // Readable while reports wait (wait_for_stop_or).
    int fd() const { return fd_; }
    // From any thread: drive `index` vanished.
    void report(std::size_t index) {
        {
            std::lock_guard lock(mutex_);
            reported_.push_back(index);
        }
        const std::uint64_t one = 1;
        [[maybe_unused]] const auto n = ::write(fd_, &one, sizeof one);
    }
    // The reports since the last call.
    std::vector<std::size_t> take() {
        std::lock_guard lock(mutex_);
        return std::exchange(reported_, {});
    }

private:
    int fd_;
    std::mutex mutex_;
    std::vector<std::size_t> reported_;
};

} // namespace spindle::cli

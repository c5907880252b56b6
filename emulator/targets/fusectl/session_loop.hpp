#pragma once
// Serves one libfuse session (a FUSE mount or a CUSE device) from one thread: a poll over the
// session's fd and a wake-up eventfd, with a timeout set by the owner's next due work. Requests
// never block the loop: an answer that must wait (a delayed SCSI completion, a log reader
// waiting for new entries) is kept by the owner and given from tick().
#include <atomic>
#include <chrono>
#include <expected>
#include <functional>
#include <optional>
#include <string>
#include <thread>

struct fuse_session;

namespace spindle::fuse {

class SessionLoop {
public:
    // Called on the loop's thread after each turn (requests processed, or woken, or timed out).
    // Returns how long until it wants to be called again (nullopt: only when something happens).
    using Tick = std::function<std::optional<std::chrono::nanoseconds>()>;

    SessionLoop() = default;
    ~SessionLoop();
    SessionLoop(const SessionLoop&) = delete;
    SessionLoop& operator=(const SessionLoop&) = delete;

    // Starts serving `session` (already mounted: its fd is open).
    std::expected<void, std::string> start(fuse_session* session, Tick tick);
    // Makes the loop call tick() soon. Safe from any thread.
    void wake() const;
    // Stops and joins the thread. The session is left to its owner.
    void stop();
    // Whether the kernel ended the session (unmounted, device released).
    bool ended() const { return ended_.load(); }

private:
    void loop();

    fuse_session* session_ = nullptr;
    Tick tick_;
    int wake_fd_ = -1;
    std::thread thread_;
    std::atomic<bool> stopping_{false};
    std::atomic<bool> ended_{false};
};

} // namespace spindle::fuse

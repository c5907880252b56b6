#pragma once
// Serves any number of TCMU devices from one thread: one poll over their ring fds, and a
// timeout set by the earliest completion due. Devices may be added while it runs.
#include "emulator/targets/tcmu/tcmu_device.hpp"

#include <condition_variable>
#include <expected>
#include <memory>
#include <mutex>
#include <optional>
#include <poll.h>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace spindle::tcmu {

class TcmuServer {
public:
    explicit TcmuServer(Log log);
    ~TcmuServer();
    TcmuServer(const TcmuServer&) = delete;
    TcmuServer& operator=(const TcmuServer&) = delete;

    // Starts the serving thread.
    std::expected<void, std::string> start();
    // Hands a device to the serving thread; it is served from the next loop turn on.
    void add(std::unique_ptr<TcmuDevice> device);
    // Stops serving one device and drops it (its ring unmapped); returns once that is done, so
    // that its backstore can be removed next. Call from another thread than the server's.
    void remove(const TcmuDevice* device);
    // Stops serving and joins the thread; devices are dropped (their rings unmapped).
    void stop();

private:
    void loop();
    // One turn of the loop: take new and removed devices, poll, serve. false: stop serving.
    bool turn(std::vector<std::unique_ptr<TcmuDevice>>& devices, std::vector<pollfd>& fds,
              std::optional<Duration>& wait);
    void say(std::string_view what, std::string_view detail) const noexcept; // to log_, which may throw
    void wake() const;

    Log log_;
    int wake_fd_ = -1; // eventfd: a device was added, or stop() was called
    std::thread thread_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<TcmuDevice>> incoming_;
    std::vector<const TcmuDevice*> removing_;
    std::condition_variable removed_;
    bool stopping_ = false;
};

} // namespace spindle::tcmu

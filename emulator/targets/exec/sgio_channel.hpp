#pragma once
// SG_IO's fast path under `mmc-emu exec` (exec_protocol.hpp, SgioRequest): a Unix stream socket
// the preload connects to once per open node, one request and one reply per SG_IO, served by a
// thread per connection that holds each answer until it is due, as the drive's clock says.
// Requests run as sg runs them (sg/sg_request.hpp, through ExecDrive).
#include "emulator/targets/exec/exec_drive.hpp"

#include <atomic>
#include <condition_variable>
#include <expected>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace spindle::exec {

class SgioChannel {
public:
    // Listens at `socket`; drive i of `drives` answers requests for drive i.
    static std::expected<std::unique_ptr<SgioChannel>, std::string> listen(const std::filesystem::path& socket,
                                                                           std::vector<ExecDrive*> drives);
    ~SgioChannel(); // cuts the connections and joins their threads
    SgioChannel(const SgioChannel&) = delete;
    SgioChannel& operator=(const SgioChannel&) = delete;

private:
    SgioChannel() = default;
    void accept_loop();
    void serve(int fd);

    std::vector<ExecDrive*> drives_;
    int listener_ = -1;
    std::atomic<bool> stopping_{false};
    std::thread acceptor_;
    std::mutex mutex_; // connections_
    std::condition_variable all_done_;
    std::vector<int> connections_; // one serving thread (detached) each
};

} // namespace spindle::exec

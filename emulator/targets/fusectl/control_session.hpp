#pragma once
// One connection of the control socket (control_socket.hpp states the protocol): the request
// read within its limits, then answered, or streamed for disc.img, disc.cdda and log_pipe.
#include "emulator/targets/served_drive.hpp"

#include <atomic>
#include <mutex>
#include <string>
#include <vector>

namespace spindle::fusectl {

// What every connection of one socket shares.
struct SessionShared {
    std::vector<ServedDrive*> drives;
    std::atomic<bool> stopping{false};   // streams end when set
    std::mutex mutex;                    // guards last_error
    std::vector<std::string> last_error; // per drive: "FILE: reason", as the filesystem keeps it
};

// Serves the request on `fd` (a connected stream socket with a receive timeout set). Leaves the
// socket open: its owner closes it.
void serve_connection(int fd, SessionShared& shared);

} // namespace spindle::fusectl

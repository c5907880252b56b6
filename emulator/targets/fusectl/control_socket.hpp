#pragma once
// The control files through a Unix stream socket, where FUSE is absent (`mmc-emu run
// --control-socket PATH`, `mmc-emu exec`): the files, texts and refusals of the control
// filesystem (control_fs.hpp), one request per connection.
//
//   read DRIVE FILE\n                 -> ok\n<the file's content>, then the server closes
//   write DRIVE FILE\n<body>, then the client shuts down its sending side
//                                     -> ok\n, then the server closes
//   either one refused                -> error: REASON\n, then the server closes
//
// DRIVE is a drive's name (drive0, ...); FILE a control file's name (tray, medium, state, faults,
// log, log_pipe, disc.img, disc.cdda, stats, profile.yaml, last_error). The body is what
// `echo ... > FILE` writes ("open\n"; fault rules one a line), all of it one request. REASON is
// what last_error shows, without its "FILE: " prefix; last_error read here holds the refusal of
// the last write through this socket, until a write is taken. disc.img and disc.cdda stream the
// file as large as it was when the read began (an I/O error or a disc taken out ends the stream
// early); log_pipe streams the held log, then each new entry, until the client closes the
// connection (shutting down only its sending side does not end it). The request line is at most
// max_request_line bytes, the body at most max_body; a client silent for receive_timeout is
// answered with an error.
//
// The socket is mode 0600, for the invoking user only. Each connection is served by a thread of
// its own, so a slow or stuck client delays no other; past max_connections at once, a new one is
// answered "error: too many connections".
#include "emulator/targets/fusectl/control_request.hpp"
#include "emulator/targets/served_drive.hpp"

#include <chrono>
#include <cstddef>
#include <expected>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace spindle::fusectl {

class ControlSocket {
public:
    static constexpr std::size_t max_request_line = 4096;
    static constexpr std::size_t max_body = ControlRequest::max_bytes; // as much as through the filesystem
    static constexpr std::size_t max_connections = 64;
    static constexpr std::chrono::seconds receive_timeout{10};

    // Binds `socket` and serves it from a thread of its own. A stale socket there (nothing
    // listening) is replaced; a live one, or a file of another kind, is refused. The drives must
    // outlive the ControlSocket.
    static std::expected<std::unique_ptr<ControlSocket>, std::string> listen(const std::filesystem::path& socket,
                                                                             std::vector<ServedDrive*> drives);
    // Stops serving (open connections are cut), closes the socket and removes it.
    ~ControlSocket();
    ControlSocket(const ControlSocket&) = delete;
    ControlSocket& operator=(const ControlSocket&) = delete;

    const std::filesystem::path& path() const { return path_; }

    struct Impl;

private:
    ControlSocket() = default;
    std::filesystem::path path_;
    std::unique_ptr<Impl> impl_;
};

} // namespace spindle::fusectl

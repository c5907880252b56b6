#pragma once
// Whole messages over a stream socket, for both ends of SG_IO's fast path (sgio_channel.cpp in
// mmc-emu, preload/exec_preload.cpp in the program). libc only: the preload has no C++ runtime.
#include "emulator/targets/exec/exec_protocol.hpp"

#include <cerrno>
#include <cstddef>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>

namespace spindle::exec {

// Sends every byte of `parts` (which it consumes), retrying short sends.
inline bool send_all(int fd, iovec* parts, int count) {
    while (count > 0) {
        msghdr m{};
        m.msg_iov = parts;
        m.msg_iovlen = static_cast<std::size_t>(count);
        ssize_t sent = sendmsg(fd, &m, MSG_NOSIGNAL);
        if (sent < 0 && errno == EINTR) continue;
        if (sent <= 0) return false;
        while (count > 0 && static_cast<std::size_t>(sent) >= parts->iov_len) {
            sent -= static_cast<ssize_t>(parts->iov_len);
            ++parts;
            --count;
        }
        if (count > 0) {
            parts->iov_base = static_cast<char*>(parts->iov_base) + sent;
            parts->iov_len -= static_cast<std::size_t>(sent);
        }
    }
    return true;
}

inline bool receive_all(int fd, void* data, std::size_t n) {
    auto* p = static_cast<char*>(data);
    while (n > 0) {
        const ssize_t got = recv(fd, p, n, 0);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) return false;
        p += got;
        n -= static_cast<std::size_t>(got);
    }
    return true;
}

// Looks for the next message sgio_spin_us before the caller sleeps on it: a program sends its
// commands back to back, and a thread woken from sleep on an idle core costs tens of
// microseconds, more than a command. False when the other end has gone.
inline bool await_message(int fd) {
    timespec start{}, now{};
    clock_gettime(CLOCK_MONOTONIC, &start);
    char byte;
    do {
        const ssize_t got = recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
        if (got > 0) return true;
        if (got == 0 || (errno != EAGAIN && errno != EINTR)) return false;
        clock_gettime(CLOCK_MONOTONIC, &now);
    } while ((now.tv_sec - start.tv_sec) * 1000000000L + (now.tv_nsec - start.tv_nsec) <
             static_cast<long>(sgio_spin_us) * 1000);
    return true; // the blocking receive waits on
}

} // namespace spindle::exec

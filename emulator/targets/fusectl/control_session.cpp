#include "emulator/targets/fusectl/control_session.hpp"

#include "emulator/targets/fusectl/control_socket.hpp"
#include "emulator/targets/fusectl/control_text.hpp"
#include "emulator/targets/fusectl/drive_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <expected>
#include <optional>
#include <poll.h>
#include <span>
#include <sys/socket.h>

namespace spindle::fusectl {

namespace {

constexpr std::size_t stream_chunk = 256 * 1024; // the drive is locked for one chunk at a time
constexpr int log_poll_ms = 100;

bool send_all(int fd, std::string_view data) {
    while (!data.empty()) {
        const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return false;
        data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

void answer_error(int fd, std::string_view reason) { (void)send_all(fd, fmt::format("error: {}\n", reason)); }

// Appends what arrives to `buf` until `done(buf)` or the end of the stream; false on a timeout or
// an error, with the reason.
template <class Done>
std::expected<void, std::string> receive(int fd, std::string& buf, Done done) {
    char chunk[4096];
    while (!done(buf)) {
        const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return std::unexpected(fmt::format("nothing received for {}s", ControlSocket::receive_timeout.count()));
        if (n < 0) return std::unexpected(std::string(std::strerror(errno)));
        if (n == 0) break;
        buf.append(chunk, static_cast<std::size_t>(n));
    }
    return {};
}

struct Request {
    bool write = false;
    std::size_t drive = 0;
    const FileInfo* file = nullptr;
};

std::vector<std::string_view> words(std::string_view line) {
    std::vector<std::string_view> out;
    while (!line.empty()) {
        const auto b = line.find_first_not_of(" \t\r");
        if (b == std::string_view::npos) break;
        line.remove_prefix(b);
        const auto e = std::min(line.find_first_of(" \t\r"), line.size());
        out.push_back(line.substr(0, e));
        line.remove_prefix(e);
    }
    return out;
}

std::expected<Request, std::string> parse(std::string_view line, const SessionShared& shared) {
    const auto w = words(line);
    if (w.size() != 3 || (w[0] != "read" && w[0] != "write"))
        return std::unexpected("expected 'read DRIVE FILE' or 'write DRIVE FILE'");
    Request r;
    r.write = w[0] == "write";
    const auto& drives = shared.drives;
    const auto it = std::find_if(drives.begin(), drives.end(), [&](ServedDrive* d) { return d->name() == w[1]; });
    if (it == drives.end()) {
        std::string names;
        for (auto* d : drives) names += (names.empty() ? "" : ", ") + d->name();
        return std::unexpected(fmt::format("no drive '{}' (there are {})", w[1], names));
    }
    r.drive = static_cast<std::size_t>(it - drives.begin());
    r.file = find_control_file(w[2]);
    if (r.file == nullptr) return std::unexpected(fmt::format("no control file '{}'", w[2]));
    return r;
}

// disc.img or disc.cdda, a chunk at a time, as large as it is now.
void stream_disc(int fd, ServedDrive& drive, bool audio, const std::atomic<bool>& stopping) {
    const auto size =
        drive.with([&](Drive& d) { return audio ? disc_audio_size(d.state()) : disc_image_size(d.state()); });
    if (!send_all(fd, "ok\n")) return;
    std::vector<std::uint8_t> buf(stream_chunk);
    for (std::uint64_t at = 0; at < size && !stopping.load();) {
        const auto want =
            std::span(buf).first(static_cast<std::size_t>(std::min<std::uint64_t>(buf.size(), size - at)));
        const long n = drive.with([&](Drive& d) {
            return audio ? read_disc_audio(d.state(), at, want) : read_disc_image(d.state(), at, want);
        });
        if (n <= 0) return; // an I/O error, or the disc is gone: the stream ends short
        const auto got = static_cast<std::size_t>(n);
        if (!send_all(fd, std::string_view(reinterpret_cast<const char*>(buf.data()), got))) return;
        at += got;
    }
}

// The held log, then each new entry, until the client closes (POLLHUP) or the server stops.
void stream_log(int fd, ServedDrive& drive, const std::atomic<bool>& stopping) {
    LogCursor cursor = oldest_log_cursor(drive);
    if (!send_all(fd, "ok\n")) return;
    while (!stopping.load()) {
        if (const auto text = log_text(drive, cursor); !text.empty() && !send_all(fd, text)) return;
        // No events asked for: only a hang-up or an error ends the wait early (data the client
        // still sends is not a reason to wake).
        pollfd p{fd, 0, 0};
        const int r = ::poll(&p, 1, log_poll_ms);
        if (r > 0 && (p.revents & (POLLHUP | POLLERR)) != 0) return;
    }
}

void serve_read(int fd, const Request& r, SessionShared& shared) {
    ServedDrive& drive = *shared.drives[r.drive];
    switch (r.file->kind) {
    case FileKind::DiscImage: return stream_disc(fd, drive, false, shared.stopping);
    case FileKind::DiscAudio: return stream_disc(fd, drive, true, shared.stopping);
    case FileKind::LogPipe: return stream_log(fd, drive, shared.stopping);
    case FileKind::LastError: {
        std::string text;
        {
            std::lock_guard lock(shared.mutex);
            text = shared.last_error[r.drive];
        }
        (void)send_all(fd, text.empty() ? "ok\n" : "ok\n" + text + "\n");
        return;
    }
    default: (void)send_all(fd, "ok\n" + read_control_text(drive, r.file->kind)); return;
    }
}

void serve_write(int fd, const Request& r, std::string body, SessionShared& shared) {
    if (!r.file->writable) return answer_error(fd, "read-only file");
    const auto received = receive(fd, body, [](const std::string& b) { return b.size() > ControlSocket::max_body; });
    if (!received) return answer_error(fd, received.error());
    if (body.size() > ControlSocket::max_body)
        return answer_error(fd, fmt::format("a write is at most {} bytes", ControlSocket::max_body));
    const auto done = write_control_text(*shared.drives[r.drive], r.file->kind, body);
    {
        std::lock_guard lock(shared.mutex);
        shared.last_error[r.drive] = done ? std::string() : fmt::format("{}: {}", r.file->name, done.error());
    }
    if (!done) return answer_error(fd, done.error());
    (void)send_all(fd, "ok\n");
}

} // namespace

void serve_connection(int fd, SessionShared& shared) {
    std::string buf;
    const auto received = receive(fd, buf, [](const std::string& b) {
        return b.find('\n') != std::string::npos || b.size() > ControlSocket::max_request_line;
    });
    if (!received) return answer_error(fd, received.error());
    // A last line without its newline is taken as it is (the client shut down after it).
    const auto nl = std::min(buf.find('\n'), buf.size());
    if (nl > ControlSocket::max_request_line)
        return answer_error(fd,
                            fmt::format("the request line is longer than {} bytes", ControlSocket::max_request_line));
    const auto request = parse(std::string_view(buf).substr(0, nl), shared);
    if (!request) return answer_error(fd, request.error());
    if (request->write) return serve_write(fd, *request, nl < buf.size() ? buf.substr(nl + 1) : std::string(), shared);
    serve_read(fd, *request, shared);
}

} // namespace spindle::fusectl

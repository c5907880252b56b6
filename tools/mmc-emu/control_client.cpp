#include "tools/mmc-emu/control_client.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <string_view>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace spindle::cli {

namespace {

using Result = std::expected<void, std::string>;

constexpr std::size_t max_answer_line = 64 * 1024;

std::unexpected<std::string> errno_error(std::string_view what) {
    return std::unexpected(fmt::format("{}: {}", what, std::strerror(errno)));
}

bool write_all(int fd, std::string_view data, int flags_for_send = -1) {
    while (!data.empty()) {
        const ssize_t n = flags_for_send < 0 ? ::write(fd, data.data(), data.size())
                                             : ::send(fd, data.data(), data.size(), flags_for_send);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return false;
        data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

// Copies `in` to `out` until the end of `in`.
Result copy_out(int in, int out, std::string_view in_name) {
    char buf[64 * 1024];
    for (;;) {
        const ssize_t n = ::read(in, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return errno_error(fmt::format("reading {}", in_name));
        if (n == 0) return {};
        if (!write_all(out, std::string_view(buf, static_cast<std::size_t>(n))))
            return errno_error("writing the output");
    }
}

} // namespace

Result socket_request(const std::filesystem::path& socket, const std::string& drive, const std::string& file,
                      const std::optional<std::string>& body, int out) {
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    if (socket.native().size() >= sizeof a.sun_path)
        return std::unexpected(fmt::format("{}: too long for a socket's path", socket.string()));
    std::memcpy(a.sun_path, socket.c_str(), socket.native().size());
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return errno_error("socket");
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) != 0)
        return errno_error(fmt::format("cannot connect to {}", socket.string()));
    const std::string line = fmt::format("{} {} {}\n", body ? "write" : "read", drive, file);
    // A send cut short is no failure yet: the server may have answered (a refusal) and closed.
    if (write_all(fd, line, MSG_NOSIGNAL) && body) (void)write_all(fd, *body, MSG_NOSIGNAL);
    ::shutdown(fd, SHUT_WR);

    std::string answer;
    char buf[4096];
    std::size_t nl = std::string::npos;
    while ((nl = answer.find('\n')) == std::string::npos && answer.size() < max_answer_line) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return errno_error(fmt::format("reading {}", socket.string()));
        if (n == 0) break;
        answer.append(buf, static_cast<std::size_t>(n));
    }
    if (nl == std::string::npos)
        return std::unexpected(fmt::format("{}: no answer from the control socket", socket.string()));
    const std::string_view head = std::string_view(answer).substr(0, nl);
    if (head.starts_with("error: ")) return std::unexpected(std::string(head.substr(7)));
    if (head != "ok") return std::unexpected(fmt::format("{}: unexpected answer '{}'", socket.string(), head));
    if (!write_all(out, std::string_view(answer).substr(nl + 1))) return errno_error("writing the output");
    return copy_out(fd, out, socket.string());
}

Result directory_request(const std::filesystem::path& dir, const std::string& drive, const std::string& file,
                         const std::optional<std::string>& body, int out) {
    const auto path = dir / drive / file;
    const int fd = ::open(path.c_str(), body ? O_WRONLY | O_TRUNC | O_CLOEXEC : O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        const int err = errno;
        std::error_code ec;
        if (err == ENOENT && !std::filesystem::is_directory(dir / drive, ec))
            return std::unexpected(fmt::format("no drive '{}' in {}", drive, dir.string()));
        if (err == ENOENT) return std::unexpected(fmt::format("no control file '{}'", file));
        if (err == EACCES && body) return std::unexpected("read-only file");
        return std::unexpected(fmt::format("{}: {}", path.string(), std::strerror(err)));
    }
    if (!body) {
        struct Closer {
            int fd;
            ~Closer() { ::close(fd); }
        } closer{fd};
        return copy_out(fd, out, path.string());
    }
    // The request is whole at the close, which may refuse it too (control_request.hpp).
    const bool written = write_all(fd, *body);
    int err = errno;
    const bool closed = ::close(fd) == 0;
    if (written && closed) return {};
    if (written) err = errno;
    if (err != EINVAL) return std::unexpected(fmt::format("{}: {}", path.string(), std::strerror(err)));
    // Refused: the filesystem keeps the reason as "FILE: reason".
    std::string reason;
    if (const int e = ::open((dir / drive / "last_error").c_str(), O_RDONLY | O_CLOEXEC); e >= 0) {
        char buf[4096];
        ssize_t n = 0;
        while ((n = ::read(e, buf, sizeof buf)) > 0) reason.append(buf, static_cast<std::size_t>(n));
        ::close(e);
    }
    while (!reason.empty() && reason.back() == '\n') reason.pop_back();
    if (const auto prefix = file + ": "; reason.starts_with(prefix)) reason.erase(0, prefix.size());
    return std::unexpected(reason.empty() ? std::string("refused (invalid argument)") : reason);
}

} // namespace spindle::cli

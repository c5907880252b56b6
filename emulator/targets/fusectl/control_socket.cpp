#include "emulator/targets/fusectl/control_socket.hpp"

#include "emulator/targets/fusectl/control_session.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <list>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <thread>
#include <unistd.h>

namespace spindle::fusectl {

namespace {

struct Connection {
    int fd = -1; // closed by its owner once the thread is joined, never by the thread
    std::thread thread;
    std::atomic<bool> done{false};
};

std::string error_text(int err) { return std::strerror(err); }

std::expected<sockaddr_un, std::string> address_of(const std::filesystem::path& path) {
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    if (path.empty() || path.native().size() >= sizeof a.sun_path)
        return std::unexpected(
            fmt::format("{}: a Unix socket's path is 1 to {} bytes long", path.string(), sizeof a.sun_path - 1));
    std::memcpy(a.sun_path, path.c_str(), path.native().size());
    return a;
}

bool connect_to(int fd, const sockaddr_un& a) {
    return ::connect(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) == 0;
}

// A socket file left by a run that died is removed; a live one (someone accepts) is not.
std::expected<void, std::string> clear_stale(const std::filesystem::path& path, const sockaddr_un& a) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) {
        if (errno == ENOENT) return {};
        return std::unexpected(fmt::format("{}: {}", path.string(), error_text(errno)));
    }
    if (!S_ISSOCK(st.st_mode)) return std::unexpected(fmt::format("{}: exists and is not a socket", path.string()));
    const int probe = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (probe < 0) return std::unexpected(fmt::format("socket: {}", error_text(errno)));
    const bool live = connect_to(probe, a);
    const int err = errno;
    ucred server{}; // who listens there: the kernel kept its credentials from listen()
    socklen_t len = sizeof server;
    const bool known = live && ::getsockopt(probe, SOL_SOCKET, SO_PEERCRED, &server, &len) == 0 && server.pid > 0;
    ::close(probe);
    if (live && known)
        return std::unexpected(fmt::format("{}: pid {} serves a control socket there already; stop it (kill {}) or "
                                           "choose another path",
                                           path.string(), server.pid, server.pid));
    if (live)
        return std::unexpected(
            fmt::format("{}: a control socket is already served there (another mmc-emu?)", path.string()));
    if (err != ECONNREFUSED)
        return std::unexpected(fmt::format("{}: cannot tell whether it is in use: {}", path.string(), error_text(err)));
    if (::unlink(path.c_str()) != 0 && errno != ENOENT)
        return std::unexpected(fmt::format("{}: cannot remove the stale socket: {}", path.string(), error_text(errno)));
    return {};
}

} // namespace

struct ControlSocket::Impl {
    SessionShared shared;
    int listen_fd = -1;
    int wake_fd = -1; // an eventfd the destructor writes to end the accept loop
    dev_t dev = 0;    // the socket file made, so that only it is removed at the end
    ino_t ino = 0;
    std::thread acceptor;
    std::list<std::unique_ptr<Connection>> connections; // the acceptor's, then the destructor's

    void accept_loop();
    void accept_one();
    void reap();
    ~Impl();
};

void ControlSocket::Impl::reap() {
    connections.remove_if([](const std::unique_ptr<Connection>& c) {
        if (!c->done.load()) return false;
        c->thread.join();
        ::close(c->fd);
        return true;
    });
}

void ControlSocket::Impl::accept_one() {
    const int fd = ::accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) {
        // Out of descriptors: the pending connection stays pending; do not spin on it.
        if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        return;
    }
    if (connections.size() >= max_connections) {
        static constexpr std::string_view busy = "error: too many connections\n";
        (void)::send(fd, busy.data(), busy.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
        ::close(fd);
        return;
    }
    const timeval tv{static_cast<time_t>(receive_timeout.count()), 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    auto c = std::make_unique<Connection>();
    c->fd = fd;
    try {
        c->thread = std::thread([this, conn = c.get()] {
            serve_connection(conn->fd, shared);
            ::shutdown(conn->fd, SHUT_RDWR); // the client's end of file now, the close at the next reap
            conn->done.store(true);
        });
    } catch (const std::system_error&) {
        ::close(fd);
        return;
    }
    connections.push_back(std::move(c));
}

void ControlSocket::Impl::accept_loop() {
    while (!shared.stopping.load()) {
        pollfd p[2] = {{listen_fd, POLLIN, 0}, {wake_fd, POLLIN, 0}};
        const int r = ::poll(p, 2, 1000); // the timeout reaps finished connections when all is quiet
        reap();
        if (shared.stopping.load()) break;
        if (r > 0 && (p[0].revents & POLLIN) != 0) accept_one();
    }
}

ControlSocket::Impl::~Impl() {
    if (acceptor.joinable()) {
        shared.stopping.store(true);
        const std::uint64_t one = 1;
        (void)!::write(wake_fd, &one, sizeof one);
        acceptor.join();
    }
    // Blocked reads and sends return at once; log_pipe streams see `stopping`.
    for (auto& c : connections) ::shutdown(c->fd, SHUT_RDWR);
    for (auto& c : connections) {
        c->thread.join();
        ::close(c->fd);
    }
    connections.clear();
    if (listen_fd >= 0) ::close(listen_fd);
    if (wake_fd >= 0) ::close(wake_fd);
}

std::expected<std::unique_ptr<ControlSocket>, std::string> ControlSocket::listen(const std::filesystem::path& socket,
                                                                                 std::vector<ServedDrive*> drives) {
    if (drives.empty()) return std::unexpected("no drive to control");
    const auto address = address_of(socket);
    if (!address) return std::unexpected(address.error());
    if (auto c = clear_stale(socket, *address); !c) return std::unexpected(c.error());

    std::unique_ptr<ControlSocket> cs(new ControlSocket());
    cs->path_ = socket;
    cs->impl_ = std::make_unique<Impl>();
    Impl& im = *cs->impl_;
    im.shared.drives = std::move(drives);
    im.shared.last_error.resize(im.shared.drives.size());
    im.listen_fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (im.listen_fd < 0) return std::unexpected(fmt::format("socket: {}", error_text(errno)));
    // Made 0600 by bind itself: a chmod afterwards would leave a moment when others could
    // connect. umask is the process's, but it only narrows, and only for this instant.
    const mode_t old_mask = ::umask(0177);
    const int bound = ::bind(im.listen_fd, reinterpret_cast<const sockaddr*>(&*address), sizeof *address);
    const int bind_errno = errno;
    ::umask(old_mask);
    if (bound != 0) return std::unexpected(fmt::format("cannot bind {}: {}", socket.string(), error_text(bind_errno)));
    struct stat st {};
    if (::stat(socket.c_str(), &st) == 0) {
        im.dev = st.st_dev;
        im.ino = st.st_ino;
    }
    // From here a failure returns with `cs` destroyed, which removes the socket file.
    if (::listen(im.listen_fd, 16) != 0)
        return std::unexpected(fmt::format("cannot listen on {}: {}", socket.string(), error_text(errno)));
    im.wake_fd = ::eventfd(0, EFD_CLOEXEC);
    if (im.wake_fd < 0) return std::unexpected(fmt::format("eventfd: {}", error_text(errno)));
    im.acceptor = std::thread([&im] { im.accept_loop(); });
    return cs;
}

ControlSocket::~ControlSocket() {
    if (!impl_) return;
    const auto dev = impl_->dev;
    const auto ino = impl_->ino;
    impl_.reset();
    // Removed only if it is still the socket this made (not one a later run put there).
    struct stat st {};
    if (::lstat(path_.c_str(), &st) == 0 && st.st_dev == dev && st.st_ino == ino) ::unlink(path_.c_str());
}

} // namespace spindle::fusectl

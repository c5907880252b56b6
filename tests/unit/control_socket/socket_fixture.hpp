#pragma once
// A drive on a virtual clock served through a control socket in a fresh directory; the tests
// speak the protocol over real connections, byte for byte, as any client would.
#include "emulator/profile/profile_loader.hpp"
#include "emulator/targets/fusectl/control_socket.hpp"
#include "emulator/targets/served_drive.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <vector>

namespace spindle::test {

inline std::filesystem::path fresh_socket_dir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "spindle-sock-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp");
    return tmpl;
}

inline sockaddr_un unix_address(const std::filesystem::path& p) {
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    std::memcpy(a.sun_path, p.c_str(), p.native().size());
    return a;
}

// A connected client socket, closed at the end.
struct Client {
    explicit Client(const std::filesystem::path& p) : fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
        const auto a = unix_address(p);
        REQUIRE(::connect(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) == 0);
    }
    ~Client() { ::close(fd); }
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    // Sends what it can (the server may close early on a refusal).
    void send(std::string_view data) const {
        while (!data.empty()) {
            const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
            if (n <= 0) return;
            data.remove_prefix(static_cast<std::size_t>(n));
        }
    }
    void end_sending() const { ::shutdown(fd, SHUT_WR); }
    // Everything until the server closes.
    std::string receive_all() const {
        std::string out;
        char buf[65536];
        for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) out.append(buf, static_cast<std::size_t>(n));
        return out;
    }
    // At least until `until` shows up (or the server closes, or about `timeout_ms` passed).
    std::string receive_until(std::string_view until, int timeout_ms = 5000) const {
        const timeval tv{0, 100 * 1000};
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        std::string out;
        char buf[4096];
        for (int waited = 0; out.find(until) == std::string::npos && waited < timeout_ms;) {
            const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
            if (n == 0) break;
            if (n < 0) {
                waited += 100;
                continue;
            }
            out.append(buf, static_cast<std::size_t>(n));
        }
        return out;
    }

    int fd;
};

struct SocketFixture {
    explicit SocketFixture(int drives = 1) : root(fresh_socket_dir()), path(root / "control.sock") {
        for (int i = 0; i < drives; ++i)
            served.push_back(std::make_unique<ServedDrive>("drive" + std::to_string(i),
                                                           std::make_unique<Drive>(default_profile(), clock)));
        auto s = fusectl::ControlSocket::listen(path, pointers());
        if (!s) FAIL(s.error());
        socket = std::move(*s);
    }
    ~SocketFixture() {
        socket.reset();
        std::error_code ec;
        std::filesystem::remove_all(root, ec);
    }

    std::vector<ServedDrive*> pointers() const {
        std::vector<ServedDrive*> out;
        for (const auto& s : served) out.push_back(s.get());
        return out;
    }
    // One whole exchange: the request line, the body of a write, the whole answer.
    std::string read(std::string_view drive, std::string_view file) const {
        Client c(path);
        c.send(std::string("read ") + std::string(drive) + " " + std::string(file) + "\n");
        c.end_sending();
        return c.receive_all();
    }
    std::string write(std::string_view drive, std::string_view file, std::string_view body) const {
        Client c(path);
        c.send(std::string("write ") + std::string(drive) + " " + std::string(file) + "\n");
        c.send(body);
        c.end_sending();
        return c.receive_all();
    }
    // A command as an initiator sends it; returns "GOOD" or the sense as "2/3A/02".
    std::string send(std::vector<std::uint8_t> cdb) {
        std::vector<std::uint8_t> in(256);
        const auto c = served[0]->execute(Command{cdb, {}, in});
        if (c.good()) return "GOOD";
        char buf[16];
        std::snprintf(buf, sizeof buf, "%X/%02X/%02X", static_cast<unsigned>(c.sense.key()), c.sense.asc(),
                      c.sense.ascq());
        return buf;
    }
    // Unit attentions consumed, the loading disc's becoming-ready time passed.
    void settle() {
        for (int i = 0; i < 10 && send({0x00, 0, 0, 0, 0, 0}) != "GOOD"; ++i)
            served[0]->with([&](Drive&) { clock.advance(std::chrono::seconds(30)); });
    }
    template <class F>
    auto with_drive(F&& f) {
        return served[0]->with(std::forward<F>(f));
    }

    VirtualClock clock;
    std::filesystem::path root;
    std::filesystem::path path;
    std::vector<std::unique_ptr<ServedDrive>> served;
    std::unique_ptr<fusectl::ControlSocket> socket;
};

} // namespace spindle::test

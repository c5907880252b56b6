// The socket file: made 0600, a dead run's socket replaced, a live one or another file left
// alone with a clear error, removed at the end.
#include "socket_fixture.hpp"

#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

using namespace spindle;
using namespace spindle::test;

namespace {

std::vector<ServedDrive*> one_drive(std::unique_ptr<ServedDrive>& holder, Clock& clock) {
    holder = std::make_unique<ServedDrive>("drive0", std::make_unique<Drive>(default_profile(), clock));
    return {holder.get()};
}

} // namespace

TEST_CASE("socket: the socket file is a socket for its user only, and gone once the ControlSocket is") {
    SocketFixture f;
    struct stat st {};
    REQUIRE(::lstat(f.path.c_str(), &st) == 0);
    CHECK(S_ISSOCK(st.st_mode));
    CHECK((st.st_mode & 07777) == 0600);
    f.socket.reset();
    CHECK_FALSE(std::filesystem::exists(f.path));
}

TEST_CASE("socket: a stale socket (nothing listening) is replaced") {
    const auto dir = fresh_socket_dir();
    const auto path = dir / "control.sock";
    {
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        const auto a = unix_address(path);
        REQUIRE(::bind(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) == 0);
        ::close(fd); // as a killed run leaves it: the file stays
    }
    REQUIRE(std::filesystem::exists(path));
    VirtualClock clock;
    std::unique_ptr<ServedDrive> drive;
    auto s = fusectl::ControlSocket::listen(path, one_drive(drive, clock));
    REQUIRE_MESSAGE(s.has_value(), (s ? std::string() : s.error()));
    Client c(path);
    c.send("read drive0 tray\n");
    CHECK(c.receive_all() == "ok\nclosed\n");
    s->reset();
    std::filesystem::remove_all(dir);
}

TEST_CASE("socket: a live socket is refused naming the pid that serves it, and keeps serving") {
    SocketFixture f;
    VirtualClock clock;
    std::unique_ptr<ServedDrive> drive;
    auto second = fusectl::ControlSocket::listen(f.path, one_drive(drive, clock));
    REQUIRE_FALSE(second.has_value());
    const auto pid = std::to_string(::getpid());
    CHECK(second.error() == f.path.string() + ": pid " + pid +
                                " serves a control socket there already; stop it (kill " + pid +
                                ") or choose another path");
    CHECK(f.read("drive0", "tray") == "ok\nclosed\n");
}

TEST_CASE("socket: a file that is not a socket is left alone and refused") {
    const auto dir = fresh_socket_dir();
    const auto path = dir / "control.sock";
    std::ofstream(path) << "keep me\n";
    VirtualClock clock;
    std::unique_ptr<ServedDrive> drive;
    auto s = fusectl::ControlSocket::listen(path, one_drive(drive, clock));
    REQUIRE_FALSE(s.has_value());
    CHECK(s.error() == path.string() + ": exists and is not a socket");
    std::string kept;
    std::getline(std::ifstream(path), kept);
    CHECK(kept == "keep me");
    std::filesystem::remove_all(dir);
}

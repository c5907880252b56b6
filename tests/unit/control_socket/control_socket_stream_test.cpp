// What the socket streams (disc.img, log_pipe) and the bounds a client cannot push it past.
#include "socket_fixture.hpp"

#include <chrono>
#include <fstream>
#include <random>

using namespace spindle;
using namespace spindle::test;

TEST_CASE("socket: disc.img streams the whole disc, chunk after chunk, equal to its data") {
    SocketFixture f;
    CHECK(f.read("drive0", "disc.img") == "ok\n"); // no disc: an empty file
    const auto image = f.root / "rom.iso";
    std::string bytes(2048 * 600, '\0'); // several of the server's chunks
    std::mt19937 gen(42);
    for (auto& b : bytes) b = static_cast<char>(gen());
    std::ofstream(image, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    REQUIRE(f.write("drive0", "medium", "rom from " + image.string() + "\n") == "ok\n");
    const auto got = f.read("drive0", "disc.img");
    REQUIRE(got.starts_with("ok\n"));
    CHECK(got.size() == bytes.size() + 3);
    CHECK(got.substr(3) == bytes);
}

TEST_CASE("socket: log_pipe streams new entries as they come, even after the client shuts down sending") {
    SocketFixture f;
    Client pipe(f.path);
    pipe.send("read drive0 log_pipe\n");
    pipe.end_sending();
    CHECK(pipe.receive_until("ok\n") == "ok\n");
    REQUIRE(f.write("drive0", "tray", "open\n") == "ok\n");
    CHECK(pipe.receive_until("tray: open").find("tray: open") != std::string::npos);
    REQUIRE(f.write("drive0", "state", "tray-open 2s\n") == "ok\n");
    CHECK(pipe.receive_until("state: tray-open 2s").find("state: tray-open 2s") != std::string::npos);
}

TEST_CASE("socket: destroying the socket ends a log_pipe stream and removes the socket file") {
    SocketFixture f;
    Client pipe(f.path);
    pipe.send("read drive0 log_pipe\n");
    REQUIRE(pipe.receive_until("ok\n") == "ok\n");
    const auto start = std::chrono::steady_clock::now();
    f.socket.reset();
    CHECK(pipe.receive_all().empty()); // the end of the stream, not a hang
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(3));
    CHECK_FALSE(std::filesystem::exists(f.path));
}

TEST_CASE("socket: a write body over the limit is refused and changes nothing; at the limit it is taken") {
    SocketFixture f;
    const std::string line = "# a comment line of sixteen\n";
    std::string at_limit;
    while (at_limit.size() + line.size() <= fusectl::ControlSocket::max_body) at_limit += line;
    at_limit.resize(fusectl::ControlSocket::max_body, '\n');
    CHECK(f.write("drive0", "faults", at_limit) == "ok\n");
    const std::string over = at_limit + "{command: READ(10), sense: 3/11/00}\n";
    CHECK(f.write("drive0", "faults", over) ==
          "error: a write is at most " + std::to_string(fusectl::ControlSocket::max_body) + " bytes\n");
    CHECK(f.read("drive0", "faults").find("READ(10)") == std::string::npos);
}

TEST_CASE("socket: a request line over 4 KiB is refused") {
    SocketFixture f;
    Client c(f.path);
    c.send("read drive0 " + std::string(5000, 'x'));
    CHECK(c.receive_all() == "error: the request line is longer than 4096 bytes\n");
}

TEST_CASE("socket: a client that sends nothing does not keep others waiting") {
    SocketFixture f;
    Client silent(f.path);
    Client half(f.path);
    half.send("read drive0");
    const auto start = std::chrono::steady_clock::now();
    CHECK(f.read("drive0", "tray") == "ok\nclosed\n");
    CHECK(f.write("drive0", "tray", "open\n") == "ok\n");
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
}

// The control files read and written through the socket: the texts the filesystem shows, the
// changes reach the drive, refusals come back as "error: REASON" and change nothing.
#include "socket_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

TEST_CASE("socket: tray, medium, state and profile.yaml read as the control files show them") {
    SocketFixture f;
    CHECK(f.read("drive0", "tray") == "ok\nclosed\n");
    CHECK(f.read("drive0", "medium") == "ok\nno-medium\n");
    CHECK(f.read("drive0", "state") == "ok\nno-medium\n");
    CHECK(f.read("drive0", "profile.yaml") == "ok\n" + profile_to_yaml(default_profile()));
    CHECK(f.read("drive0", "stats").starts_with("ok\ncommands: 0\n"));
    CHECK(f.read("drive0", "last_error") == "ok\n");
}

TEST_CASE("socket: write tray open opens the drive's tray, and reading it back says so") {
    SocketFixture f;
    CHECK(f.write("drive0", "tray", "open\n") == "ok\n");
    CHECK(f.with_drive([](Drive& d) { return d.state().tray_open; }));
    CHECK(f.read("drive0", "tray") == "ok\nopen\n");
    CHECK(f.read("drive0", "state") == "ok\ntray-open\n");
    CHECK(f.read("drive0", "log").find("tray: open") != std::string::npos);
    CHECK(f.write("drive0", "tray", "close") == "ok\n");
    CHECK(f.read("drive0", "tray") == "ok\nclosed\n");
}

TEST_CASE("socket: a request names its drive: the second drive's tray moves, not the first's") {
    SocketFixture f(2);
    CHECK(f.write("drive1", "tray", "open\n") == "ok\n");
    CHECK(f.read("drive1", "tray") == "ok\nopen\n");
    CHECK(f.read("drive0", "tray") == "ok\nclosed\n");
}

TEST_CASE("socket: several fault rules in one write are added together") {
    SocketFixture f;
    CHECK(f.write("drive0", "faults", "{command: READ(10), sense: 3/11/00}\n{command: WRITE(10), sense: 3/0C/00}\n") ==
          "ok\n");
    const auto faults = f.read("drive0", "faults");
    CHECK(faults.find("#1 {command: READ(10)") != std::string::npos);
    CHECK(faults.find("#2 {command: WRITE(10)") != std::string::npos);
}

TEST_CASE("socket: a medium change while the host prevents removal is refused with the reason") {
    SocketFixture f;
    REQUIRE(f.write("drive0", "medium", "blank dvd+r\n") == "ok\n");
    f.settle();
    REQUIRE(f.send({0x1E, 0, 0, 0, 0x01, 0}) == "GOOD"); // PREVENT ALLOW MEDIUM REMOVAL, Prevent=1
    CHECK(f.read("drive0", "tray") == "ok\nlocked\n");
    CHECK(f.write("drive0", "medium", "blank cd-r\n") ==
          "error: the host prevents medium removal (PREVENT ALLOW MEDIUM REMOVAL)\n");
    CHECK(f.read("drive0", "medium").starts_with("ok\ntype: dvd+r\n"));
    CHECK(f.read("drive0", "last_error") ==
          "ok\nmedium: the host prevents medium removal (PREVENT ALLOW MEDIUM REMOVAL)\n");
    CHECK(f.write("drive0", "tray", "open").starts_with("error: the host prevents medium removal"));
    CHECK_FALSE(f.with_drive([](Drive& d) { return d.state().tray_open; }));
}

TEST_CASE("socket: nonsense is refused whole with the filesystem's reasons") {
    SocketFixture f;
    CHECK(f.write("drive0", "tray", "wobble\n") == "error: 'wobble': expected open, close, eject or force-open\n");
    CHECK(f.read("drive0", "last_error") == "ok\ntray: 'wobble': expected open, close, eject or force-open\n");
    CHECK(f.write("drive0", "tray", "") == "error: empty request\n");
    CHECK(f.write("drive0", "medium", "blank floppy\n").starts_with("error: 'blank floppy': "));
    CHECK(f.read("drive0", "tray") == "ok\nclosed\n");
    CHECK(f.read("drive0", "medium") == "ok\nno-medium\n");
}

TEST_CASE("socket: an unknown drive, file or verb, and a write to a read-only file, are refused") {
    SocketFixture f(2);
    CHECK(f.read("drive7", "tray") == "error: no drive 'drive7' (there are drive0, drive1)\n");
    CHECK(f.read("drive0", "bogus") == "error: no control file 'bogus'\n");
    CHECK(f.write("drive0", "log", "x\n") == "error: read-only file\n");
    CHECK(f.write("drive0", "disc.img", "x\n") == "error: read-only file\n");
    Client c(f.path);
    c.send("fetch drive0 tray\n");
    c.end_sending();
    CHECK(c.receive_all() == "error: expected 'read DRIVE FILE' or 'write DRIVE FILE'\n");
    Client extra(f.path);
    extra.send("read drive0 tray now\n");
    extra.end_sending();
    CHECK(extra.receive_all() == "error: expected 'read DRIVE FILE' or 'write DRIVE FILE'\n");
}

// The control filesystem driven with plain file operations: each change reaches the drive (as
// an initiator's next command sees it) and shows in the log; nonsense is refused whole.
#include "control_fixture.hpp"

#include "emulator/media/presets.hpp"

#include <sys/stat.h>

using namespace spindle;
using namespace spindle::test;

TEST_CASE("the control filesystem has a directory per drive holding every control file") {
    ControlFixture f(2);
    for (int d = 0; d < 2; ++d) {
        struct stat st {};
        REQUIRE(::stat(f.file("", d).c_str(), &st) == 0);
        CHECK(S_ISDIR(st.st_mode));
        for (const char* name : {"profile.yaml", "tray", "medium", "state", "faults", "log", "log_pipe", "disc.img",
                                 "stats", "last_error", "export"})
            CHECK_MESSAGE(::stat(f.file(name, d).c_str(), &st) == 0, name);
    }
    struct stat st {};
    REQUIRE(::stat((f.root / "ctl").c_str(), &st) == 0);
    CHECK((st.st_mode & 07777) == 0700);
    REQUIRE(::stat(f.file("tray").c_str(), &st) == 0);
    CHECK((st.st_mode & 07777) == 0600);
    REQUIRE(::stat(f.file("log").c_str(), &st) == 0);
    CHECK((st.st_mode & 07777) == 0400);
    CHECK(write_file(f.file("log"), "x") == EACCES);
}

TEST_CASE("profile.yaml is the drive's effective profile as YAML") {
    ControlFixture f;
    CHECK(read_file(f.file("profile.yaml")) == profile_to_yaml(default_profile()));
}

TEST_CASE("tray: open and close written to the file move the tray, and the log records them") {
    ControlFixture f;
    CHECK(read_file(f.file("tray")) == "closed\n");
    REQUIRE(write_file(f.file("tray"), "open\n") == 0);
    CHECK(f.with_drive([](Drive& d) { return d.state().tray_open; }));
    CHECK(read_file(f.file("tray")) == "open\n");
    f.advance(std::chrono::seconds(1));
    CHECK(f.tur() != "GOOD");
    REQUIRE(write_file(f.file("tray"), "close") == 0);
    CHECK(read_file(f.file("tray")) == "closed\n");
    const auto log = read_file(f.file("log"));
    CHECK(log.find("tray: open") != std::string::npos);
    CHECK(log.find("tray: close") != std::string::npos);
    // The control event comes before the command that followed it.
    CHECK(log.find("tray: open") < log.find("#1 "));
}

TEST_CASE("tray: open is refused while the host prevents removal, with the reason in last_error") {
    ControlFixture f;
    f.settle();
    REQUIRE(f.send({0x1E, 0, 0, 0, 0x01, 0}) == "GOOD"); // PREVENT ALLOW MEDIUM REMOVAL, Prevent=1
    CHECK(read_file(f.file("tray")) == "locked\n");
    CHECK(write_file(f.file("tray"), "open") == EINVAL);
    CHECK(read_file(f.file("last_error")).find("prevents medium removal") != std::string::npos);
    CHECK_FALSE(f.with_drive([](Drive& d) { return d.state().tray_open; }));
    // The button pressed anyway only tells the host; a paper clip opens it.
    CHECK(write_file(f.file("tray"), "eject") == 0);
    CHECK(read_file(f.file("tray")) == "locked\n");
    CHECK(write_file(f.file("tray"), "force-open") == 0);
    CHECK(read_file(f.file("tray")) == "open\n");
}

TEST_CASE("tray: an unknown request is refused with EINVAL and the reason") {
    ControlFixture f;
    CHECK(write_file(f.file("tray"), "wobble") == EINVAL);
    CHECK(read_file(f.file("last_error")) == "tray: 'wobble': expected open, close, eject or force-open\n");
    CHECK(write_file(f.file("tray"), "open\nclose\n") == EINVAL);
    CHECK(read_file(f.file("tray")) == "closed\n");
}

TEST_CASE("medium: a preset written loads that disc, eject takes it out") {
    ControlFixture f;
    CHECK(read_file(f.file("medium")) == "no-medium\n");
    REQUIRE(write_file(f.file("medium"), "blank dvd+r\n") == 0);
    const auto text = read_file(f.file("medium"));
    CHECK(text.find("type: dvd+r\n") != std::string::npos);
    CHECK(text.find("status: blank\n") != std::string::npos);
    f.settle();
    CHECK(f.tur() == "GOOD");
    CHECK(read_file(f.file("state")) == "ready\n");
    REQUIRE(write_file(f.file("medium"), "eject") == 0);
    CHECK(read_file(f.file("medium")) == "no-medium\n");
    CHECK(f.tur() != "GOOD");
    const auto log = read_file(f.file("log"));
    CHECK(log.find("medium: load blank dvd+r") != std::string::npos);
    CHECK(log.find("medium: eject") != std::string::npos);
}

TEST_CASE("medium: no-medium takes the disc out as eject does; the deprecated none still does") {
    ControlFixture f;
    for (const char* word : {"no-medium", "none"}) {
        CAPTURE(word);
        REQUIRE(write_file(f.file("medium"), "blank dvd+r\n") == 0);
        REQUIRE(write_file(f.file("medium"), word) == 0);
        CHECK(read_file(f.file("medium")) == "no-medium\n");
    }
    REQUIRE(write_file(f.file("state"), "incompatible-media") == EINVAL); // a condition needs a disc
    REQUIRE(write_file(f.file("medium"), "blank dvd+r\n") == 0);
    f.settle();
    REQUIRE(write_file(f.file("state"), "incompatible-media") == 0); // deprecated spelling
    CHECK(read_file(f.file("state")) == "incompatible-medium\n");
}

TEST_CASE("medium: a preset that makes no sense is refused and the disc in the drive stays") {
    ControlFixture f;
    REQUIRE(write_file(f.file("medium"), "appendable cd-r") == 0);
    CHECK(write_file(f.file("medium"), "blank floppy") == EINVAL);
    CHECK(read_file(f.file("last_error")).starts_with("medium: 'blank floppy': "));
    CHECK(read_file(f.file("medium")).find("type: cd-r\n") != std::string::npos);
    CHECK(write_file(f.file("medium"), "\n") == EINVAL);
    CHECK(read_file(f.file("last_error")) == "medium: empty request\n");
}

TEST_CASE("state: becoming-ready 3s makes the drive answer 2/04/01 until the time is up or ready is written") {
    ControlFixture f;
    REQUIRE(write_file(f.file("medium"), "blank dvd+r") == 0);
    f.settle();
    REQUIRE(write_file(f.file("state"), "becoming-ready 3s") == 0);
    CHECK(f.tur() == "2/04/01");
    CHECK(read_file(f.file("state")).starts_with("becoming-ready 3.000s"));
    REQUIRE(write_file(f.file("state"), "ready") == 0);
    CHECK(f.tur() == "GOOD");
    REQUIRE(write_file(f.file("state"), "upside-down") == 0);
    CHECK(f.tur() != "GOOD");
    CHECK(read_file(f.file("state")) == "upside-down\n");
    CHECK(read_file(f.file("log")).find("state: upside-down") != std::string::npos);
}

TEST_CASE("state: becoming-ready with no duration lasts until ready is written") {
    ControlFixture f;
    REQUIRE(write_file(f.file("medium"), "blank dvd+r") == 0);
    f.settle();
    REQUIRE(write_file(f.file("state"), "becoming-ready") == 0);
    f.advance(std::chrono::hours(1));
    CHECK(f.tur() == "2/04/01");
    REQUIRE(write_file(f.file("state"), "ready") == 0);
    CHECK(f.tur() == "GOOD");
}

TEST_CASE("state: an unknown state or a bad duration is refused and nothing changes") {
    ControlFixture f;
    REQUIRE(write_file(f.file("medium"), "blank dvd+r") == 0);
    f.settle();
    CHECK(write_file(f.file("state"), "sleepy") == EINVAL);
    CHECK(read_file(f.file("last_error")).starts_with("state: 'sleepy': expected ready"));
    CHECK(write_file(f.file("state"), "becoming-ready soon") == EINVAL);
    CHECK(read_file(f.file("last_error")) == "state: 'soon': not a duration (e.g. 3s, 500ms, 1min; at most 1440min)\n");
    CHECK(write_file(f.file("state"), "ready 3s") == EINVAL);
    CHECK(f.tur() == "GOOD");
}

TEST_CASE("state: timed changes of the fault engine (no-medium 5s) take effect at the next command") {
    ControlFixture f;
    REQUIRE(write_file(f.file("medium"), "blank dvd+r") == 0);
    f.settle();
    REQUIRE(write_file(f.file("state"), "no-medium 5s") == 0);
    CHECK(f.tur().starts_with("2/3A/"));
}

TEST_CASE("faults: a rule written takes effect, is listed with its hits, and shows in the log") {
    ControlFixture f;
    REQUIRE(write_file(f.file("medium"), "blank dvd+r") == 0);
    f.settle();
    REQUIRE(write_file(f.file("faults"), "{command: TEST UNIT READY, sense: 3/11/00}\n") == 0);
    CHECK(f.tur() == "3/11/00");
    CHECK(f.tur() == "3/11/00");
    const auto list = read_file(f.file("faults"));
    CHECK(list.find("#1 ") != std::string::npos);
    CHECK(list.find("hits=2") != std::string::npos);
    const auto log = read_file(f.file("log"));
    CHECK(log.find("faults: add #1") != std::string::npos);
    CHECK(log.find("CHECK CONDITION 3/11/00") != std::string::npos);
    CHECK(log.find("rules=1") != std::string::npos);
    REQUIRE(write_file(f.file("faults"), "remove 1") == 0);
    CHECK(f.tur() == "GOOD");
    CHECK(write_file(f.file("faults"), "remove 1") == EINVAL);
    CHECK(read_file(f.file("last_error")) == "faults: there is no rule #1\n");
}

TEST_CASE("faults: several rules are added together, and one malformed line refuses them all") {
    ControlFixture f;
    CHECK(write_file(f.file("faults"), "{command: READ(10), sense: 3/11/00}\n{command: WRITE(10), nonsense: 1}\n") ==
          EINVAL);
    CHECK(read_file(f.file("faults")).empty());
    CHECK(read_file(f.file("last_error")).starts_with("faults: 2:22: nonsense: unknown key"));
    REQUIRE(write_file(f.file("faults"), "{command: READ(10), sense: 3/11/00}\n{command: INQUIRY, delay: 1s}\n") == 0);
    CHECK(f.with_drive([](Drive& d) { return d.faults().rules().size(); }) == 2);
    REQUIRE(write_file(f.file("faults"), "clear") == 0);
    CHECK(read_file(f.file("faults")).empty());
}

TEST_CASE("stats count commands, statuses and each opcode") {
    ControlFixture f;
    f.tur();
    f.tur();
    f.send({0x12, 0, 0, 0, 36, 0});
    const auto s = read_file(f.file("stats"));
    CHECK(s.find("commands: 3\n") != std::string::npos);
    CHECK(s.find("opcode 00h TEST UNIT READY: 2\n") != std::string::npos);
    CHECK(s.find("opcode 12h INQUIRY: 1\n") != std::string::npos);
    CHECK(s.find("data_in_bytes: 36\n") != std::string::npos);
}

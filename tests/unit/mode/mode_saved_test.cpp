// Saved mode pages: MODE SELECT with SP, the saved file under the drive's state directory,
// and what a new drive on the same directory powers on with.
#include "mode_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

namespace {
const auto page_08_wce_off = bytes({0x88, 0x0A, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0});
const auto page_08_sent_wce_off = bytes({0x08, 0x0A, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0});

void write_file(const std::filesystem::path& p, std::string_view text) {
    std::ofstream out(p, std::ios::trunc);
    out << text;
}
} // namespace

TEST_CASE("MODE SELECT(10) with SP saves a page that a restarted drive reports as current and saved") {
    TempDir dir;
    {
        TestDrive t(mode_profile(), DriveOptions{dir.path()});
        t.settled();
        const auto list = select_list({page_08_sent_wce_off});
        REQUIRE(t.run(mode_select10(list.size(), true), 0, list).good());
        CHECK(pages_of(t.run(mode_sense10(0x08, 3), 255)) == page_08_wce_off);
    }
    TestDrive restarted(mode_profile(), DriveOptions{dir.path()});
    restarted.settled();
    CHECK(pages_of(restarted.run(mode_sense10(0x08, 0), 255)) == page_08_wce_off);
    CHECK(pages_of(restarted.run(mode_sense10(0x08, 3), 255)) == page_08_wce_off);
    // Defaults and the other pages are untouched.
    CHECK(pages_of(restarted.run(mode_sense10(0x08, 2), 255)) == page_08_current());
    CHECK(pages_of(restarted.run(mode_sense10(0x01, 0), 255)) == page_01_current());
}

TEST_CASE("MODE SELECT(10) without SP is lost when the drive restarts") {
    TempDir dir;
    {
        TestDrive t(mode_profile(), DriveOptions{dir.path()});
        t.settled();
        const auto list = select_list({page_08_sent_wce_off});
        REQUIRE(t.run(mode_select10(list.size()), 0, list).good());
    }
    TestDrive restarted(mode_profile(), DriveOptions{dir.path()});
    restarted.settled();
    CHECK(pages_of(restarted.run(mode_sense10(0x08), 255)) == page_08_current());
}

TEST_CASE("MODE SELECT(6) with SP saves every savable page's current values, not only the pages sent") {
    TestDrive t(mode_profile());
    t.settled();
    const auto first = select_list({page_08_sent_wce_off});
    REQUIRE(t.run(mode_select10(first.size()), 0, first).good());
    const auto second = concat({bytes({0, 0, 0, 0}), bytes({0x01, 0x0A, 0x80, 0x07, 0, 0, 0, 0, 0x10, 0, 0, 0})});
    REQUIRE(t.run({0x15, 0x11, 0, 0, static_cast<std::uint8_t>(second.size()), 0}, 0, second).good());
    CHECK(pages_of(t.run(mode_sense10(0x3F, 3), 255)) ==
          concat({bytes({0x81, 0x0A, 0x80, 0x07, 0, 0, 0, 0, 0x10, 0, 0, 0}), page_08_wce_off, page_2a_current()}));
}

TEST_CASE("a damaged saved file is read line by line: bad lines are ignored, good ones restore their page") {
    TempDir dir;
    write_file(dir.path() / "mode-pages.saved", "not a mode page\n"
                                                "8 080a0\n"                             // odd number of digits
                                                "99999999999999999999 080a00\n"         // code out of range
                                                "8 080a00000000000000zz0000\n"          // not hex
                                                "1d 1d0a00000000000000000000\n"         // a page the drive lacks
                                                "1 010aff2000\n"                        // wrong length
                                                "8 080a00000000000000000000\r\n"        // WCE off, CRLF
                                                "2a 2a1e000000000000000000000000000000" // nothing changeable
                                                "00000000000000000000000000000000\n"
                                                "\n");
    TestDrive t(mode_profile(), DriveOptions{dir.path()});
    t.settled();
    CHECK(pages_of(t.run(mode_sense10(0x3F), 255)) == concat({page_01_current(), page_08_wce_off, page_2a_current()}));
}

TEST_CASE("a saved file only restores changeable bits: the profile decides the rest") {
    TempDir dir;
    // Page 01h with every bit set: only AWRE, ARRE, PER and the read retry count may come from it.
    write_file(dir.path() / "mode-pages.saved", "1 010affffffffffffffffffff\n");
    TestDrive t(mode_profile(), DriveOptions{dir.path()});
    t.settled();
    CHECK(pages_of(t.run(mode_sense10(0x01, 3), 255)) == bytes({0x81, 0x0A, 0xC4, 0xFF, 0, 0, 0, 0, 0x10, 0, 0, 0}));
    CHECK(pages_of(t.run(mode_sense10(0x01, 0), 255)) == bytes({0x81, 0x0A, 0xC4, 0xFF, 0, 0, 0, 0, 0x10, 0, 0, 0}));
}

TEST_CASE("a saved file that is binary garbage leaves the profile's values") {
    TempDir dir;
    std::string garbage;
    for (int i = 0; i < 512; ++i) garbage.push_back(static_cast<char>((i * 37) & 0xFF));
    write_file(dir.path() / "mode-pages.saved", garbage);
    TestDrive t(mode_profile(), DriveOptions{dir.path()});
    t.settled();
    CHECK(pages_of(t.run(mode_sense10(0x3F), 255)) ==
          concat({page_01_current(), page_08_current(), page_2a_current()}));
}

TEST_CASE("MODE SELECT with SP that cannot write the saved file answers HARDWARE ERROR, not GOOD") {
    TempDir dir;
    write_file(dir.path() / "not-a-directory", "");
    // The saved file would live under a regular file: every attempt to write it fails.
    TestDrive t(mode_profile(), DriveOptions{dir.path() / "not-a-directory"});
    t.settled();
    const auto list = select_list({page_08_sent_wce_off});
    CHECK(sense_of(t.run(mode_select10(list.size(), true), 0, list)) == sense(0x4, 0x44, 0x00));
    // Without SP nothing is saved, and nothing fails.
    CHECK(t.run(mode_select10(list.size(), false), 0, list).good());
}

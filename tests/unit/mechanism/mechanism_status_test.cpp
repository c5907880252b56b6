// MECHANISM STATUS (MMC-6 6.10): header only, no slot tables (not a changer).
#include "support/writer_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

namespace {
std::vector<std::uint8_t> mechanism_status(int allocation = 8) {
    return bytes({0xBD, 0, 0, 0, 0, 0, 0, 0, allocation >> 8, allocation & 0xFF, 0, 0});
}
} // namespace

TEST_CASE("MECHANISM STATUS of an idle closed drive is eight zero bytes") {
    TestDrive t(writer_profile());
    t.settled();
    auto r = t.run(mechanism_status(), 64);
    REQUIRE(r.good());
    CHECK(r.data == bytes({0, 0, 0, 0, 0, 0, 0, 0}));
    CHECK(r.completion.residual == 56);
}

TEST_CASE("MECHANISM STATUS sets Door Open while the tray is open") {
    TestDrive t(writer_profile());
    t.settled();
    t.drive.open_tray();
    CHECK(t.run(mechanism_status(), 8).data == bytes({0x00, 0x10, 0, 0, 0, 0, 0, 0}));
}

TEST_CASE("MECHANISM STATUS reports the mechanism active during a format") {
    TestDrive t(writer_profile());
    load_ready(t, disc(MediaKind::DvdPlusRw));
    t.drive.set_condition(MediumCondition::FormatInProgress, std::chrono::seconds(10));
    CHECK(t.run(mechanism_status(), 8).data == bytes({0x00, 0x60, 0, 0, 0, 0, 0, 0}));
}

TEST_CASE("MECHANISM STATUS is cut to its allocation length") {
    TestDrive t(writer_profile());
    t.settled();
    t.drive.open_tray();
    auto r = t.run(mechanism_status(2), 8);
    CHECK(r.data == bytes({0x00, 0x10}));
}

TEST_CASE("MECHANISM STATUS reports a pending unit attention first") {
    TestDrive t(writer_profile());
    CHECK(sense_of(t.run(mechanism_status(), 8)) == sense(0x6, 0x29, 0x00));
}

// PREVENT ALLOW MEDIUM REMOVAL (MMC-6 6.11).
#include "support/writer_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

namespace {
std::vector<std::uint8_t> pamr(int flags) { return bytes({0x1E, 0, 0, 0, flags, 0}); }
} // namespace

TEST_CASE("PREVENT ALLOW MEDIUM REMOVAL Prevent=1 locks and Prevent=0 unlocks") {
    TestDrive t(writer_profile());
    t.settled();
    REQUIRE(t.run(pamr(0x01)).good());
    CHECK(t.drive.state().prevent);
    CHECK_FALSE(t.drive.state().persistent_prevent);
    REQUIRE(t.run(pamr(0x00)).good());
    CHECK_FALSE(t.drive.state().prevent);
}

TEST_CASE("PREVENT ALLOW MEDIUM REMOVAL Persistent sets and clears the persistent state independently") {
    TestDrive t(writer_profile());
    t.settled();
    REQUIRE(t.run(pamr(0x01)).good());
    REQUIRE(t.run(pamr(0x03)).good());
    CHECK(t.drive.state().prevent);
    CHECK(t.drive.state().persistent_prevent);
    REQUIRE(t.run(pamr(0x00)).good()); // allow: the persistent state stays
    CHECK_FALSE(t.drive.state().prevent);
    CHECK(t.drive.state().persistent_prevent);
    CHECK(t.drive.state().removal_prevented());
    REQUIRE(t.run(pamr(0x02)).good());
    CHECK_FALSE(t.drive.state().removal_prevented());
}

TEST_CASE("PREVENT ALLOW MEDIUM REMOVAL on a drive that cannot lock refuses Prevent naming byte 4 bit 0") {
    TestDrive t(writer_profile("{loading: tray, eject: true, load: true, lock: false}"));
    t.settled();
    auto r = t.run(pamr(0x01));
    CHECK(sense_of(r) == scsi::sense::invalid_field_in_cdb(4, 0));
    CHECK(sense_key_specific(r) == sks(0xC8, 0x00, 0x04));
    CHECK_FALSE(t.drive.state().prevent);
    CHECK(t.run(pamr(0x00)).good());
}

TEST_CASE("PREVENT ALLOW MEDIUM REMOVAL needs no medium and reports a pending unit attention first") {
    TestDrive t(writer_profile());
    CHECK(sense_of(t.run(pamr(0x01))) == sense(0x6, 0x29, 0x00));
    CHECK(t.run(pamr(0x01)).good());
}

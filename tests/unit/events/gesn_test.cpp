// GET EVENT STATUS NOTIFICATION (MMC-6 6.7): raw CDBs in, exact event data or sense out.
#include "support/writer_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

namespace {

constexpr int op_change = 0x02, power = 0x04, media = 0x10, busy = 0x40;

std::vector<std::uint8_t> gesn(int classes, int allocation = 8, int polled = 1) {
    return bytes({0x4A, polled, 0, 0, classes, 0, 0, allocation >> 8, allocation & 0xFF, 0});
}

std::vector<std::uint8_t> event(int notification_class, int b0, int b1, int b2 = 0, int b3 = 0) {
    return bytes({0x00, 0x06, notification_class, 0x56, b0, b1, b2, b3});
}

} // namespace

TEST_CASE("GESN without the Polled bit is INVALID FIELD IN CDB naming byte 1 bit 0") {
    TestDrive t(writer_profile());
    auto r = t.run(gesn(media, 8, 0), 8);
    CHECK(sense_of(r) == scsi::sense::invalid_field_in_cdb(1, 0));
    CHECK(sense_key_specific(r) == sks(0xC8, 0x00, 0x01));
}

TEST_CASE("GESN asking only for unsupported classes returns the header with NEA and the supported classes") {
    TestDrive t(writer_profile());
    CHECK(t.run(gesn(0x08 | 0x20), 8).data == bytes({0x00, 0x02, 0x80, 0x56}));
    CHECK(t.run(gesn(0x00), 8).data == bytes({0x00, 0x02, 0x80, 0x56}));
}

TEST_CASE("GESN media class with nothing pending reports no change, no medium, tray closed") {
    TestDrive t(writer_profile());
    CHECK(t.run(gesn(media), 8).data == event(4, 0x00, 0x00));
}

TEST_CASE("GESN reports New Media once after a disc becomes ready, then no change with Media Present") {
    TestDrive t(writer_profile());
    load_ready(t, disc(MediaKind::DvdPlusR));
    CHECK(t.run(gesn(media), 8).data == event(4, 0x02, 0x02));
    CHECK(t.run(gesn(media), 8).data == event(4, 0x00, 0x02));
}

TEST_CASE("GESN reports Media Removal with Door Open after the tray opens on a disc") {
    TestDrive t(writer_profile());
    load_ready(t, disc(MediaKind::DvdPlusR));
    t.run(gesn(media), 8); // New Media
    t.drive.open_tray();
    CHECK(t.run(gesn(media), 8).data == event(4, 0x03, 0x01));
    CHECK(t.run(gesn(media), 8).data == event(4, 0x00, 0x01));
}

TEST_CASE("GESN reports an Eject Request when the button is pressed while removal is prevented") {
    TestDrive t(writer_profile());
    load_ready(t, disc(MediaKind::DvdPlusR));
    t.run(gesn(media), 8); // New Media
    REQUIRE(t.run(as_vector(scsi::cdb::prevent_allow_medium_removal(true))).good());
    CHECK_FALSE(t.drive.press_eject());
    CHECK(t.run(gesn(media), 8).data == event(4, 0x01, 0x02));
}

TEST_CASE("GESN reports the lowest requested class with a pending event first, then the next") {
    TestDrive t(writer_profile());
    load_ready(t, disc(MediaKind::DvdPlusR));        // Feature Change and New Media pending
    REQUIRE(t.run({0x1B, 0, 0, 0, 0x30, 0}).good()); // power condition Standby
    CHECK(t.run(gesn(op_change | power | media | busy), 8).data == event(1, 0x02, 0x00, 0x00, 0x01));
    CHECK(t.run(gesn(op_change | power | media | busy), 8).data == event(2, 0x01, 0x03));
    CHECK(t.run(gesn(op_change | power | media | busy), 8).data == event(4, 0x02, 0x02));
    CHECK(t.run(gesn(op_change | power | media | busy), 8).data == event(1, 0x00, 0x00));
}

TEST_CASE("GESN skips a pending event of a class that was not requested") {
    TestDrive t(writer_profile());
    load_ready(t, disc(MediaKind::DvdPlusR));
    CHECK(t.run(gesn(power), 8).data == event(2, 0x00, 0x01));
    CHECK(t.run(gesn(media), 8).data == event(4, 0x02, 0x02));
}

TEST_CASE("GESN cut short by the allocation length leaves the event pending") {
    TestDrive t(writer_profile());
    load_ready(t, disc(MediaKind::DvdPlusR));
    auto r = t.run(gesn(media, 4), 8);
    CHECK(r.data == bytes({0x00, 0x06, 0x04, 0x56}));
    CHECK(t.run(gesn(media), 8).data == event(4, 0x02, 0x02));
}

TEST_CASE("GESN operational change reports persistent prevention in its status byte") {
    TestDrive t(writer_profile());
    REQUIRE(t.settled().run(as_vector(scsi::cdb::prevent_allow_medium_removal(true, true))).good());
    CHECK(t.run(gesn(op_change), 8).data == event(1, 0x00, 0x80));
}

TEST_CASE("GESN operational change says extended busy during a format") {
    TestDrive t(writer_profile());
    load_ready(t, disc(MediaKind::DvdPlusRw));
    t.drive.set_condition(MediumCondition::FormatInProgress, std::chrono::seconds(10));
    CHECK(t.run(gesn(op_change), 8).data == event(1, 0x02, 0x02, 0x00, 0x01)); // the load's Feature Change
    CHECK(t.run(gesn(op_change), 8).data == event(1, 0x00, 0x02));
}

TEST_CASE("GESN device busy reports the time a format still needs in tenths of a second") {
    TestDrive t(writer_profile());
    load_ready(t, disc(MediaKind::DvdPlusRw));
    CHECK(t.run(gesn(busy), 8).data == event(6, 0x00, 0x00));
    t.drive.set_condition(MediumCondition::FormatInProgress, std::chrono::seconds(10));
    CHECK(t.run(gesn(busy), 8).data == event(6, 0x00, 0x02, 0x00, 0x64));
    t.clock.advance(std::chrono::seconds(5));
    CHECK(t.run(gesn(busy), 8).data == event(6, 0x00, 0x02, 0x00, 0x32));
    t.clock.advance(std::chrono::seconds(5));
    CHECK(t.run(gesn(busy), 8).data == event(6, 0x00, 0x00));
}

TEST_CASE("GESN power management reports a change of power condition once") {
    TestDrive t(writer_profile());
    t.settled();
    CHECK(t.run(gesn(power), 8).data == event(2, 0x00, 0x01));
    REQUIRE(t.run({0x1B, 0, 0, 0, 0x20, 0}).good()); // Idle
    CHECK(t.run(gesn(power), 8).data == event(2, 0x01, 0x02));
    CHECK(t.run(gesn(power), 8).data == event(2, 0x00, 0x02));
    REQUIRE(t.run({0x1B, 0, 0, 0, 0x20, 0}).good()); // Idle again: no change, no event
    CHECK(t.run(gesn(power), 8).data == event(2, 0x00, 0x02));
}

TEST_CASE("GESN power management reports the drive back to active when a media access wakes it from standby") {
    TestDrive t(writer_profile());
    load_ready(t, disc(MediaKind::DvdRom));
    REQUIRE(t.run({0x1B, 0, 0, 0, 0x30, 0}).good()); // Standby
    CHECK(t.run(gesn(power), 8).data == event(2, 0x01, 0x03));
    auto r = t.run(as_vector(scsi::cdb::read_capacity()), 8); // READ CAPACITY
    CHECK(r.completion.busy_until == t.clock.now() + spin_up);
    CHECK(t.run(gesn(power), 8).data == event(2, 0x01, 0x01));
}

// MMC-6 6.7.2, Operational Change descriptor: event code 02h (Operational Change Occurred),
// operational report 0001h (Feature Change) whenever the Current features change.
TEST_CASE("GESN operational change reports a Feature Change once when a disc becomes ready, none at power-on") {
    TestDrive t(writer_profile());
    CHECK(t.settled().run(gesn(op_change), 8).data == event(1, 0x00, 0x00));
    load_ready(t, disc(MediaKind::DvdPlusR));
    CHECK(t.run(gesn(op_change), 8).data == event(1, 0x02, 0x00, 0x00, 0x01));
    CHECK(t.run(gesn(op_change), 8).data == event(1, 0x00, 0x00));
}

TEST_CASE("GESN operational change reports a Feature Change when the tray opens on a ready disc") {
    TestDrive t(writer_profile());
    load_ready(t, disc(MediaKind::DvdPlusR));
    t.run(gesn(op_change), 8); // the load's Feature Change
    t.drive.open_tray();
    CHECK(t.run(gesn(op_change), 8).data == event(1, 0x02, 0x00, 0x00, 0x01));
    CHECK(t.run(gesn(op_change), 8).data == event(1, 0x00, 0x00));
}

TEST_CASE("GESN operational change stays quiet while nothing the host sees in GET CONFIGURATION changes") {
    TestDrive t(writer_profile());
    load_ready(t, disc(MediaKind::DvdPlusR));
    t.run(gesn(op_change), 8);
    REQUIRE(t.run(tur).good());
    REQUIRE(t.run({0x1E, 0, 0, 0, 0x01, 0}).good()); // PREVENT: no feature changes
    CHECK(t.run(gesn(op_change), 8).data == event(1, 0x00, 0x00));
}

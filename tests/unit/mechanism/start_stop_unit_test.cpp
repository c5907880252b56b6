// START STOP UNIT (MMC-6 6.37): raw CDBs in, exact sense and timing out.
#include "support/writer_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

namespace {
std::vector<std::uint8_t> ssu(int flags, int immed = 0) { return bytes({0x1B, immed, 0, 0, flags, 0}); }
constexpr int stop = 0x00, start = 0x01, eject = 0x02, load = 0x03;
} // namespace

TEST_CASE("START STOP UNIT eject opens the tray and completes when the tray has moved") {
    TestDrive t(writer_profile());
    load_ready(t, disc(MediaKind::DvdPlusR));
    auto r = t.run(ssu(eject));
    REQUIRE(r.good());
    CHECK(r.completion.busy_until == t.clock.now() + tray_time);
    CHECK(t.drive.state().tray_open);
    CHECK(sense_of(t.run(tur)) == sense(0x2, 0x3A, 0x02));
}

TEST_CASE("START STOP UNIT eject with Immed completes at once") {
    TestDrive t(writer_profile());
    load_ready(t, disc(MediaKind::DvdPlusR));
    auto r = t.run(ssu(eject, 1));
    REQUIRE(r.good());
    CHECK(r.completion.busy_until == t.clock.now());
    CHECK(t.drive.state().tray_open);
}

TEST_CASE("START STOP UNIT eject while removal is prevented is MEDIUM REMOVAL PREVENTED and the disc stays") {
    TestDrive t(writer_profile());
    load_ready(t, disc(MediaKind::DvdPlusR));
    REQUIRE(t.run(as_vector(scsi::cdb::prevent_allow_medium_removal(true))).good());
    auto r = t.run(ssu(eject));
    CHECK(sense_of(r) == sense(0x5, 0x53, 0x02));
    CHECK(r.sense_bytes() ==
          std::array<std::uint8_t, 18>{0x70, 0, 0x05, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x53, 0x02, 0, 0, 0, 0});
    CHECK_FALSE(t.drive.state().tray_open);
    CHECK(t.run(tur).good());
}

TEST_CASE("START STOP UNIT eject while persistently prevented is MEDIUM REMOVAL PREVENTED") {
    TestDrive t(writer_profile());
    load_ready(t, disc(MediaKind::DvdPlusR));
    REQUIRE(t.run({0x1E, 0, 0, 0, 0x03, 0}).good());
    CHECK(sense_of(t.run(ssu(eject))) == sense(0x5, 0x53, 0x02));
}

TEST_CASE("START STOP UNIT eject on a drive that cannot eject is INVALID FIELD IN CDB naming LoEj") {
    TestDrive t(writer_profile("{loading: tray, eject: false, load: false, lock: true}"));
    load_ready(t, disc(MediaKind::DvdPlusR));
    auto r = t.run(ssu(eject));
    CHECK(sense_of(r) == scsi::sense::invalid_field_in_cdb(4, 1));
    CHECK(sense_key_specific(r) == sks(0xC9, 0x00, 0x04));
    CHECK_FALSE(t.drive.state().tray_open);
}

TEST_CASE("START STOP UNIT eject with the tray already open is GOOD") {
    TestDrive t(writer_profile());
    t.settled();
    t.drive.open_tray();
    CHECK(t.run(ssu(eject)).good());
}

TEST_CASE("START STOP UNIT load closes the tray and the disc becomes ready") {
    TestDrive t(writer_profile());
    t.settled();
    t.drive.open_tray();
    t.drive.insert(disc(MediaKind::DvdPlusR));
    auto r = t.run(ssu(load));
    REQUIRE(r.good());
    CHECK(r.completion.busy_until == t.clock.now() + tray_time);
    CHECK_FALSE(t.drive.state().tray_open);
    CHECK(sense_of(t.run(tur)) == sense(0x2, 0x04, 0x01));
    t.clock.advance(becoming_ready);
    CHECK(sense_of(t.run(tur)) == sense(0x6, 0x28, 0x00));
    CHECK(t.run(tur).good());
}

TEST_CASE("START STOP UNIT load on an empty open tray closes it: no medium, tray closed") {
    TestDrive t(writer_profile());
    t.settled();
    t.drive.open_tray();
    REQUIRE(t.run(ssu(load)).good());
    CHECK(sense_of(t.run(tur)) == sense(0x2, 0x3A, 0x01));
}

TEST_CASE("START STOP UNIT load on a drive that cannot load is INVALID FIELD IN CDB and the tray stays open") {
    TestDrive t(writer_profile("{loading: tray, eject: true, load: false, lock: true}"));
    t.settled();
    t.drive.open_tray();
    auto r = t.run(ssu(load));
    CHECK(sense_of(r) == scsi::sense::invalid_field_in_cdb(4, 1));
    CHECK(sense_key_specific(r) == sks(0xC9, 0x00, 0x04));
    CHECK(t.drive.state().tray_open);
}

TEST_CASE("START STOP UNIT stop spins the disc down and start spins it up for the spin-up time") {
    TestDrive t(writer_profile());
    load_ready(t, disc(MediaKind::DvdPlusR));
    REQUIRE(t.run(ssu(stop)).good());
    CHECK(t.drive.state().stopped);
    auto r = t.run(ssu(start));
    REQUIRE(r.good());
    CHECK(r.completion.busy_until == t.clock.now() + spin_up);
    CHECK_FALSE(t.drive.state().stopped);
    CHECK(t.run(ssu(start)).completion.busy_until == t.clock.now()); // already spinning
}

TEST_CASE("START STOP UNIT start while the disc becomes ready completes when it is ready") {
    TestDrive t(writer_profile());
    t.settled();
    t.drive.load(disc(MediaKind::DvdPlusR));
    t.clock.advance(std::chrono::milliseconds(500));
    auto r = t.run(ssu(start));
    REQUIRE(r.good());
    CHECK(r.completion.busy_until == becoming_ready);
    CHECK(t.run(ssu(start, 1)).completion.busy_until == t.clock.now());
}

TEST_CASE("START STOP UNIT start without a medium reports it: tray closed 2/3A/01, open 2/3A/02") {
    TestDrive t(writer_profile());
    t.settled();
    CHECK(sense_of(t.run(ssu(start))) == sense(0x2, 0x3A, 0x01));
    t.drive.open_tray();
    CHECK(sense_of(t.run(ssu(start))) == sense(0x2, 0x3A, 0x02));
}

TEST_CASE("START STOP UNIT stop without a medium is GOOD") {
    TestDrive t(writer_profile());
    CHECK(t.settled().run(ssu(stop)).good());
}

TEST_CASE("START STOP UNIT power condition Standby stops the disc, Active spins it up; Start is ignored") {
    TestDrive t(writer_profile());
    load_ready(t, disc(MediaKind::DvdPlusR));
    REQUIRE(t.run(ssu(0x30 | start)).good());
    CHECK(t.drive.state().stopped);
    CHECK(t.drive.state().events.power_status == PowerStatus::Standby);
    REQUIRE(t.run(ssu(0x10)).good());
    CHECK_FALSE(t.drive.state().stopped);
    CHECK(t.drive.state().events.power_status == PowerStatus::Active);
}

TEST_CASE("START STOP UNIT power condition Sleep and the forced timers are accepted") {
    TestDrive t(writer_profile());
    t.settled();
    CHECK(t.run(ssu(0x50)).good());
    CHECK(t.drive.state().events.power_status == PowerStatus::Sleep);
    CHECK(t.run(ssu(0xA0)).good());
    CHECK(t.drive.state().events.power_status == PowerStatus::Idle);
    CHECK(t.run(ssu(0xB0)).good());
    CHECK(t.drive.state().events.power_status == PowerStatus::Standby);
    CHECK(t.run(ssu(0x70)).good()); // LU_CONTROL
}

TEST_CASE("START STOP UNIT with a reserved power condition is INVALID FIELD IN CDB naming byte 4 bit 7") {
    TestDrive t(writer_profile());
    t.settled();
    auto r = t.run(ssu(0x40));
    CHECK(sense_of(r) == scsi::sense::invalid_field_in_cdb(4, 7));
    CHECK(sense_key_specific(r) == sks(0xCF, 0x00, 0x04));
}

TEST_CASE("START STOP UNIT with FL set is INVALID FIELD IN CDB naming byte 4 bit 2") {
    TestDrive t(writer_profile());
    t.settled();
    auto r = t.run(ssu(0x04 | start));
    CHECK(sense_of(r) == scsi::sense::invalid_field_in_cdb(4, 2));
    CHECK(sense_key_specific(r) == sks(0xCA, 0x00, 0x04));
}

// Unit attentions: reported once; the commands MMC-6 4.1.6 exempts run without consuming them.
#include "support/writer_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

TEST_CASE("the power-on unit attention 6/29/00 is reported once, then gone") {
    TestDrive t(writer_profile());
    auto r = t.run(tur);
    CHECK(sense_of(r) == sense(0x6, 0x29, 0x00));
    CHECK(r.sense_bytes() ==
          std::array<std::uint8_t, 18>{0x70, 0, 0x06, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x29, 0x00, 0, 0, 0, 0});
    CHECK(sense_of(t.run(tur)) == sense(0x2, 0x3A, 0x01));
    CHECK(sense_of(t.run(tur)) == sense(0x2, 0x3A, 0x01));
}

TEST_CASE("INQUIRY, GET CONFIGURATION and GESN run with a unit attention pending and leave it pending") {
    TestDrive t(writer_profile());
    CHECK(t.run(as_vector(scsi::cdb::inquiry(36)), 36).good());
    CHECK(t.run(as_vector(scsi::cdb::get_configuration(0, 0, 8)), 8).good());
    CHECK(t.run(as_vector(scsi::cdb::get_event_status_notification(0x10, 8)), 8).good());
    CHECK(t.drive.state().unit_attentions.size() == 1);
    CHECK(sense_of(t.run(tur)) == sense(0x6, 0x29, 0x00));
}

TEST_CASE("a command that is not exempt reports the unit attention instead of running") {
    TestDrive t(writer_profile());
    t.drive.open_tray();
    CHECK(sense_of(t.run({0x1B, 0, 0, 0, 0x03, 0})) == sense(0x6, 0x29, 0x00)); // START STOP UNIT load
    CHECK(t.drive.state().tray_open);
    CHECK(t.run(as_vector(scsi::cdb::load())).good());
    CHECK_FALSE(t.drive.state().tray_open);
}

TEST_CASE("a medium change after power-on queues 6/28/00 behind 6/29/00") {
    TestDrive t(writer_profile());
    t.drive.load(disc(MediaKind::DvdPlusR));
    t.clock.advance(becoming_ready);
    CHECK(sense_of(t.run(tur)) == sense(0x6, 0x29, 0x00));
    CHECK(sense_of(t.run(tur)) == sense(0x6, 0x28, 0x00));
    CHECK(t.run(tur).good());
}

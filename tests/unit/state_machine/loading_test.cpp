// Loading a disc: becoming ready for the profile's time, then 6/28/00 once, then ready; the
// trays and discs a host can meet on the way.
#include "support/writer_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

TEST_CASE("a loaded disc is becoming ready 2/04/01 for the profile's time, then 6/28/00 once, then GOOD") {
    TestDrive t(writer_profile());
    t.settled();
    t.drive.load(disc(MediaKind::DvdPlusR));
    CHECK(sense_of(t.run(tur)) == sense(0x2, 0x04, 0x01));
    t.clock.advance(becoming_ready - std::chrono::milliseconds(1));
    CHECK(sense_of(t.run(tur)) == sense(0x2, 0x04, 0x01));
    t.clock.advance(std::chrono::milliseconds(1));
    CHECK(sense_of(t.run(tur)) == sense(0x6, 0x28, 0x00));
    CHECK(t.run(tur).good());
    CHECK(t.run(tur).good());
}

TEST_CASE("the becoming-ready time comes from the profile") {
    auto p = writer_profile();
    p.timings.becoming_ready = std::chrono::milliseconds(100);
    TestDrive t(p);
    t.settled();
    t.drive.load(disc(MediaKind::CdR));
    t.clock.advance(std::chrono::milliseconds(100));
    CHECK(sense_of(t.run(tur)) == sense(0x6, 0x28, 0x00));
}

TEST_CASE("closing the tray with no disc gives 2/3A/01 and no unit attention") {
    TestDrive t(writer_profile());
    t.settled();
    t.drive.open_tray();
    CHECK(sense_of(t.run(tur)) == sense(0x2, 0x3A, 0x02));
    t.drive.close_tray();
    CHECK(sense_of(t.run(tur)) == sense(0x2, 0x3A, 0x01));
    CHECK(t.drive.state().unit_attentions.empty());
}

TEST_CASE("a disc left on the open tray is not present until the tray closes") {
    TestDrive t(writer_profile());
    t.settled();
    t.drive.open_tray();
    t.drive.insert(disc(MediaKind::DvdPlusR));
    CHECK(sense_of(t.run(tur)) == sense(0x2, 0x3A, 0x02));
    CHECK(t.run(gesn_media(), 8).data == bytes({0x00, 0x06, 0x04, 0x56, 0x00, 0x01, 0x00, 0x00}));
    t.drive.close_tray();
    CHECK(sense_of(t.run(tur)) == sense(0x2, 0x04, 0x01));
}

TEST_CASE("an upside-down disc: TEST UNIT READY says no medium while GESN says a medium is present") {
    TestDrive t(writer_profile());
    t.settled();
    t.drive.load(disc(MediaKind::DvdPlusR));
    t.drive.set_condition(MediumCondition::UpsideDown);
    CHECK(sense_of(t.run(tur)) == sense(0x6, 0x28, 0x00));
    CHECK(sense_of(t.run(tur)) == sense(0x2, 0x3A, 0x01));
    CHECK(t.run(gesn_media(), 8).data == bytes({0x00, 0x06, 0x04, 0x56, 0x02, 0x02, 0x00, 0x00}));
    CHECK(t.run(gesn_media(), 8).data == bytes({0x00, 0x06, 0x04, 0x56, 0x00, 0x02, 0x00, 0x00}));
    // With no disc at all, Media Present is clear.
    t.drive.open_tray();
    t.drive.take_medium();
    t.drive.close_tray();
    t.run(gesn_media(), 8); // Media Removal
    CHECK(t.run(gesn_media(), 8).data == bytes({0x00, 0x06, 0x04, 0x56, 0x00, 0x00, 0x00, 0x00}));
}

TEST_CASE("an incompatible medium gives 2/30/00") {
    TestDrive t(writer_profile());
    load_ready(t, disc(MediaKind::DvdPlusR));
    t.drive.set_condition(MediumCondition::Incompatible);
    CHECK(sense_of(t.run(tur)) == sense(0x2, 0x30, 0x00));
    CHECK(sense_of(t.run({0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 8)) == sense(0x2, 0x30, 0x00)); // READ CAPACITY
}

TEST_CASE("a disc of a profile the drive does not list is reported, then incompatible 2/30/00") {
    TestDrive t(writer_profile()); // lists BD-RE but not BD-R
    t.settled();
    t.drive.load(disc(MediaKind::BdR));
    t.clock.advance(becoming_ready);
    CHECK(sense_of(t.run(tur)) == sense(0x6, 0x28, 0x00));
    CHECK(sense_of(t.run(tur)) == sense(0x2, 0x30, 0x00));
    auto r = t.run({0x46, 0x02, 0x00, 0x20, 0, 0, 0, 0, 8, 0}, 8);            // a feature it lacks: header only
    CHECK(r.data == bytes({0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00})); // no current profile
}

TEST_CASE("opening the tray while the disc becomes ready abandons the load") {
    TestDrive t(writer_profile());
    t.settled();
    t.drive.load(disc(MediaKind::DvdPlusR));
    t.drive.open_tray();
    t.clock.advance(becoming_ready);
    CHECK(sense_of(t.run(tur)) == sense(0x2, 0x3A, 0x02));
    CHECK(t.drive.state().unit_attentions.empty());
}

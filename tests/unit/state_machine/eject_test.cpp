// Ejecting: by START STOP UNIT and by the button, with and without removal prevented.
#include "support/writer_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

namespace {
const auto eject = as_vector(scsi::cdb::eject());
const auto prevent = as_vector(scsi::cdb::prevent_allow_medium_removal(true));
const auto allow = as_vector(scsi::cdb::prevent_allow_medium_removal(false));
} // namespace

TEST_CASE("eject while prevented is 5/53/02 and the disc stays ready; allow then eject opens the tray") {
    TestDrive t(writer_profile());
    load_ready(t, disc(MediaKind::DvdPlusR));
    REQUIRE(t.run(prevent).good());
    CHECK(sense_of(t.run(eject)) == sense(0x5, 0x53, 0x02));
    CHECK(t.run(tur).good());
    CHECK(t.drive.state().medium != nullptr);
    REQUIRE(t.run(allow).good());
    CHECK(t.run(eject).good());
    CHECK(sense_of(t.run(tur)) == sense(0x2, 0x3A, 0x02));
    CHECK(t.drive.take_medium() != nullptr);
    t.drive.close_tray();
    CHECK(sense_of(t.run(tur)) == sense(0x2, 0x3A, 0x01));
}

TEST_CASE("the eject button while prevented only posts an eject request; allowed, it opens the tray") {
    TestDrive t(writer_profile());
    load_ready(t, disc(MediaKind::DvdPlusR));
    t.run(gesn_media(), 8); // New Media
    REQUIRE(t.run(prevent).good());
    CHECK_FALSE(t.drive.press_eject());
    CHECK(t.run(tur).good());
    CHECK(t.run(gesn_media(), 8).data == bytes({0x00, 0x06, 0x04, 0x56, 0x01, 0x02, 0x00, 0x00}));
    REQUIRE(t.run(allow).good());
    CHECK(t.drive.press_eject());
    CHECK(t.run(gesn_media(), 8).data == bytes({0x00, 0x06, 0x04, 0x56, 0x03, 0x01, 0x00, 0x00}));
    CHECK(sense_of(t.run(tur)) == sense(0x2, 0x3A, 0x02));
}

TEST_CASE("GESN reports New Media, then Media Removal, across a load and an eject") {
    TestDrive t(writer_profile());
    load_ready(t, disc(MediaKind::CdR));
    REQUIRE(t.run(eject).good());
    // Events come oldest first; the status byte is always the drive's state now: tray open.
    CHECK(t.run(gesn_media(), 8).data == bytes({0x00, 0x06, 0x04, 0x56, 0x02, 0x01, 0x00, 0x00}));
    CHECK(t.run(gesn_media(), 8).data == bytes({0x00, 0x06, 0x04, 0x56, 0x03, 0x01, 0x00, 0x00}));
    CHECK(t.run(gesn_media(), 8).data == bytes({0x00, 0x06, 0x04, 0x56, 0x00, 0x01, 0x00, 0x00}));
}

TEST_CASE("a paper clip opens the tray even while removal is prevented") {
    TestDrive t(writer_profile());
    load_ready(t, disc(MediaKind::DvdPlusR));
    REQUIRE(t.run(prevent).good());
    t.drive.open_tray();
    CHECK(sense_of(t.run(tur)) == sense(0x2, 0x3A, 0x02));
}

TEST_CASE("a stopped disc spins up on the next media access, which then completes after the spin-up time") {
    TestDrive t(writer_profile());
    load_ready(t, disc(MediaKind::DvdRom));
    REQUIRE(t.run(as_vector(scsi::cdb::start_stop_unit(false, false))).good());
    CHECK(t.drive.state().stopped);
    CHECK(t.run(tur).good());
    auto r = t.run(as_vector(scsi::cdb::read_capacity()), 8); // READ CAPACITY
    CHECK(r.completion.busy_until == t.clock.now() + spin_up);
    CHECK_FALSE(t.drive.state().stopped);
}

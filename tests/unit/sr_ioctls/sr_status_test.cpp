// The sr device's mechanism ioctls against the default drive: capability mask, drive and disc
// status, the media-changed latch, door lock, tray, start and stop.
#include "sr_ioctls/sr_fixture.hpp"

#include <cerrno>

using namespace spindle;
using namespace spindle::test;

TEST_CASE("CDROM_GET_CAPABILITY: the CDC mask follows the drive's page 2Ah as get_capabilities reads it") {
    SrRig r;
    sr::SrDevice sr(r.drive, r.options());
    // MODE SENSE(6), page 2Ah, as the drive answers it: header, block descriptors, then the page.
    const auto ms = r.run(as_vector(scsi::cdb::mode_sense6(0x2A, scsi::cdb::PageControl::Current, 128, false)), 128);
    REQUIRE(ms.size() > 4u + ms[3] + 6u);
    const auto page = std::span(ms).subspan(4u + ms[3]);
    REQUIRE((page[0] & 0x3F) == 0x2A);
    const int cap = sr.capability();
    CHECK(((cap & CDC_DVD) != 0) == ((page[2] & 0x08) != 0));
    CHECK(((cap & CDC_CD_R) != 0) == ((page[3] & 0x01) != 0));
    CHECK(((cap & CDC_CD_RW) != 0) == ((page[3] & 0x02) != 0));
    CHECK(((cap & CDC_DVD_R) != 0) == ((page[3] & 0x10) != 0));
    CHECK(((cap & CDC_DVD_RAM) != 0) == ((page[3] & 0x20) != 0));
    CHECK(((cap & CDC_OPEN_TRAY) != 0) == ((page[6] & 0x08) != 0));
    CHECK(((cap & CDC_CLOSE_TRAY) != 0) == ((page[6] >> 5) != 0));
    CHECK((cap & CDC_SELECT_DISC) == 0); // one slot
    const int always = CDC_LOCK | CDC_SELECT_SPEED | CDC_MULTI_SESSION | CDC_MCN | CDC_MEDIA_CHANGED | CDC_PLAY_AUDIO |
                       CDC_RESET | CDC_DRIVE_STATUS | CDC_GENERIC_PACKET;
    CHECK((cap & always) == always);
    // The default profile is a DVD writer with a tray: the bits it must show.
    CHECK((cap & (CDC_DVD | CDC_CD_R | CDC_OPEN_TRAY | CDC_CLOSE_TRAY)) ==
          (CDC_DVD | CDC_CD_R | CDC_OPEN_TRAY | CDC_CLOSE_TRAY));
}

TEST_CASE("CDROM_DRIVE_STATUS: no disc, tray open, becoming ready, disc present") {
    SrRig r;
    sr::SrDevice sr(r.drive, r.options());
    CHECK(sr.drive_status() == CDS_NO_DISC);
    r.drive.with([](Drive& d) { d.open_tray(); });
    CHECK(sr.drive_status() == CDS_TRAY_OPEN);
    r.drive.with([&](Drive& d) { d.insert(r.medium("closed dvd+r")); });
    CHECK(sr.drive_status() == CDS_TRAY_OPEN); // a disc on the open tray is not in the drive
    r.drive.with([](Drive& d) { d.close_tray(); });
    CHECK(sr.drive_status() == CDS_DRIVE_NOT_READY);
    r.settle();
    CHECK(sr.drive_status() == CDS_DISC_OK);
    CHECK(sr.drive_status(0) == CDS_DISC_OK); // a slot argument means the current slot
}

TEST_CASE("CDROM_DISC_STATUS: audio CD, data CD, DVD, blank disc, no disc") {
    SrRig r;
    sr::SrDevice sr(r.drive, r.options());
    CHECK(sr.disc_status() == CDS_NO_DISC);
    r.load(r.audio_cd({300, 200}));
    r.settle();
    CHECK(sr.disc_status() == CDS_AUDIO);
    r.load(r.rom(64));
    r.settle();
    CHECK(sr.disc_status() == CDS_DATA_1);
    r.load("closed dvd+r");
    r.settle();
    CHECK(sr.disc_status() == CDS_DATA_1);
    r.load("blank cd-r");
    r.settle();
    CHECK(sr.disc_status() == CDS_NO_INFO); // no TOC on a blank disc: the drive says 5/24/00
}

TEST_CASE("CDROM_MEDIA_CHANGED: 1 once after a change, then 0") {
    SrRig r;
    r.load("closed dvd+r");
    r.settle();
    sr::SrDevice sr(r.drive, r.options());
    CHECK(sr.media_changed() == 1); // sr_probe marks the device changed
    CHECK(sr.media_changed() == 0);
    CHECK(sr.media_changed() == 0);

    // The block layer polls while the tray opens and closes on another disc.
    r.load(r.rom(32));
    for (int i = 0; i < 15; ++i) {
        r.advance(std::chrono::seconds(2));
        sr.poll_events();
    }
    CHECK(sr.media_changed() == 1);
    CHECK(sr.media_changed() == 0);

    r.drive.with([](Drive& d) { d.open_tray(); }); // the disc goes away
    CHECK(sr.media_changed() == 1);
    CHECK(sr.media_changed() == 0);
}

TEST_CASE("CDROM_MEDIA_CHANGED without the block layer's poll: one queued media event per call") {
    SrRig r;
    r.load("closed dvd+r");
    r.settle();
    sr::SrDevice sr(r.drive, r.options());
    CHECK(sr.media_changed() == 1);
    CHECK(sr.media_changed() == 0);
    // Opening the tray on a disc and closing it on another queues two media events (removal,
    // new media); sr_check_events takes one GET EVENT STATUS NOTIFICATION answer at a time.
    r.load(r.rom(32));
    r.settle();
    CHECK(sr.media_changed() == 1);
    CHECK(sr.media_changed() == 1);
    CHECK(sr.media_changed() == 0);
}

TEST_CASE("CDROMEJECT while the door is locked: the drive refuses, the ioctl returns its status, not EBUSY") {
    SrRig r;
    r.load("closed dvd+r");
    r.settle();
    sr::SrDevice sr(r.drive, r.options());
    REQUIRE(sr.drive_status() == CDS_DISC_OK);
    REQUIRE(sr.lock_door(true) == sr::IoctlResult(0));
    CHECK(r.drive.with([](Drive& d) { return d.state().removal_prevented(); }));

    // 6.1 routes CDROMEJECT past cdrom.c to a bare START STOP UNIT: the drive answers CHECK
    // CONDITION (5/53/02) and ioctl_internal_command returns the status byte.
    CHECK(sr.eject() == sr::IoctlResult(2));
    CHECK_FALSE(r.drive.with([](Drive& d) { return d.state().tray_open; }));
    CHECK(sr.drive_status() == CDS_DISC_OK);

    REQUIRE(sr.lock_door(false) == sr::IoctlResult(0));
    CHECK(sr.eject() == sr::IoctlResult(0));
    CHECK(r.drive.with([](Drive& d) { return d.state().tray_open; }));
    CHECK(sr.drive_status() == CDS_TRAY_OPEN);
    CHECK(sr.close_tray() == sr::IoctlResult(0));
    CHECK_FALSE(r.drive.with([](Drive& d) { return d.state().tray_open; }));
    r.settle();
    CHECK(sr.drive_status() == CDS_DISC_OK);
}

TEST_CASE("CDROMSTOP spins the disc down, CDROMSTART up; with no disc CDROMSTART is ENOMEDIUM") {
    SrRig r;
    sr::SrDevice sr(r.drive, r.options());
    const auto start = sr.start_stop(true);
    REQUIRE_FALSE(start.has_value());
    CHECK(start.error() == ENOMEDIUM);
    r.load(r.rom(16));
    r.settle();
    REQUIRE(sr.start_stop(false).has_value());
    CHECK(r.drive.with([](Drive& d) { return d.state().stopped; }));
    REQUIRE(sr.start_stop(true).has_value());
    CHECK_FALSE(r.drive.with([](Drive& d) { return d.state().stopped; }));
}

TEST_CASE("a command on a drive becoming ready: sr_do_ioctl waits in 2 s steps, or gives up with ENOMEDIUM") {
    SrRig r;
    sr::SrDevice patient(r.drive, r.options());
    r.load(r.audio_cd({100, 100, 100}));
    const auto before = r.clock.now();
    const auto header = patient.read_toc_header();
    REQUIRE(header.has_value());
    CHECK(header->cdth_trk1 == 3);
    CHECK(r.clock.now() - before >= std::chrono::seconds(2)); // at least one sleep passed
    CHECK(r.clock.now() - before <= std::chrono::seconds(20));

    sr::SrDevice hasty(r.drive); // no time passes between the retries
    r.load(r.rom(16));
    const auto failed = hasty.read_toc_header();
    REQUIRE_FALSE(failed.has_value());
    CHECK(failed.error() == ENOMEDIUM);
}

// The sense real drives give when a write may not happen, and test write (simulation).
#include "write/write_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

TEST_CASE("WRITE away from the NWA is 5/21/02, past the end of the disc 5/21/00, with the LBA") {
    Writer w("blank dvd+r");
    REQUIRE(w.write(0, 16).good());
    const auto gap = w.write(32, 16);
    CHECK(sense_of(gap) == sense(0x5, 0x21, 0x02).with_information(32));
    CHECK(scsi::get_be32(gap.sense_bytes(), 3) == 32);
    CHECK(sense_of(w.write(0, 16)) == sense(0x5, 0x21, 0x02).with_information(0)); // write-once: no overwrite
    CHECK(sense_of(w.write(2'295'104, 16)) == sense(0x5, 0x21, 0x00).with_information(2295104));
    Writer full("blank cd-r capacity=1000");
    CHECK(full.write(0, 1000).good());
    CHECK(sense_of(full.write(1000, 1)) == sense(0x5, 0x21, 0x00).with_information(1000));
}

TEST_CASE("WRITE onto ROM and onto a finalized disc is 5/30/05") {
    for (const char* preset : {"closed dvd+r", "closed cd-r", "closed bd-r"}) {
        CAPTURE(preset);
        Writer w(preset);
        CHECK(sense_of(w.write(0, 16)) == sense(0x5, 0x30, 0x05));
        CHECK(sense_of(w.reserve(16)) == sense(0x5, 0x30, 0x05));
        CHECK(sense_of(w.close(2)) == sense(0x5, 0x30, 0x05));
    }
    Writer rom("blank dvd+r");
    rom.t->drive.open_tray();
    auto m = rom.t->drive.take_medium();
    m->disc.kind = MediaKind::DvdRom;
    rom.load(std::move(m));
    CHECK(sense_of(rom.write(0, 16)) == sense(0x5, 0x30, 0x05));
    CHECK(sense_of(rom.blank(1)) == sense(0x5, 0x30, 0x05));
    CHECK(sense_of(rom.format(0x26, 0xFFFFFFFF)) == sense(0x5, 0x30, 0x06));
}

TEST_CASE("WRITE to an unformatted DVD+RW or BD-RE is 5/30/10; reading it is 5/21/00") {
    for (const char* preset : {"blank dvd+rw", "blank bd-re"}) {
        CAPTURE(preset);
        Writer w(preset);
        CHECK(sense_of(w.write(0, 32)) == sense(0x5, 0x30, 0x10));
        CHECK(sense_of(w.read(0, 1)) == sense(0x5, 0x21, 0x00).with_information(0));
    }
}

TEST_CASE("Restricted overwrite DVD-RW takes whole 16-block ECC blocks only") {
    Writer w("formatted dvd-rw-ro");
    CHECK(w.write(16, 16).good());
    CHECK(sense_of(w.write(8, 16)) == sense(0x5, 0x21, 0x02).with_information(8));
    CHECK(sense_of(w.write(16, 8)) == sense(0x5, 0x21, 0x02).with_information(16));
}

TEST_CASE("CLOSE of a blank track is 5/2C/00; of a missing track 5/24/00; close functions a medium lacks 5/24/00") {
    Writer w("blank dvd+r");
    CHECK(sense_of(w.close(1, 1)) == sense(0x5, 0x2C, 0x00));
    CHECK(sense_of(w.close(2)) == sense(0x5, 0x2C, 0x00)); // an empty session has nothing to close
    CHECK(sense_of(w.close(1, 7)) == scsi::sense::invalid_field_in_cdb(4));
    const auto bad = w.close(3);
    CHECK(sense_of(bad) == scsi::sense::invalid_field_in_cdb(2, 2));
    CHECK(bad.sense_bytes()[15] == 0xCA); // SKSV, C/D, BPV, bit 2 ...
    CHECK(bad.sense_bytes()[17] == 2);    // ... of CDB byte 2
    Writer cd("blank cd-r");
    CHECK(sense_of(cd.close(5)) == scsi::sense::invalid_field_in_cdb(2, 2));
    CHECK(sense_of(cd.close(6)) == scsi::sense::invalid_field_in_cdb(2, 2));
    Writer bd("formatted bd-re");
    CHECK(sense_of(bd.close(2)) == scsi::sense::invalid_field_in_cdb(2, 2));
}

TEST_CASE("CLOSE SESSION with an empty reserved track is 5/72/04; CLOSE TRACK pads it") {
    Writer w("blank dvd+r");
    REQUIRE(w.reserve(64).good());
    CHECK(sense_of(w.close(2)) == sense(0x5, 0x72, 0x04));
    REQUIRE(w.close(1, 1).good());
    CHECK(w.read(0, 64).good()); // padded with zeros
    CHECK(w.close(2).good());
}

TEST_CASE("RESERVE TRACK: rounded to ECC blocks, refused once the invisible track holds data or is too small") {
    Writer w("blank bd-r");
    REQUIRE(w.reserve(33).good());
    CHECK(scsi::get_be32(w.track_information(1, 1), 24) == 64);
    REQUIRE(w.write(64, 32).good());
    CHECK(sense_of(w.reserve(32)) == sense(0x5, 0x2C, 0x00));
    Writer z("blank dvd+r");
    CHECK(sense_of(z.reserve(0)) == scsi::sense::invalid_field_in_cdb(5));
    CHECK(sense_of(z.reserve(3'000'000)) == scsi::sense::invalid_field_in_cdb(5));
    CHECK(sense_of(z.run(bytes({0x53, 1, 0, 0, 0, 0, 0, 0, 16, 0}))) ==
          scsi::sense::invalid_field_in_cdb(1, 0)); // ARSV not offered
    Writer rw("formatted dvd+rw");
    CHECK(sense_of(rw.reserve(16)) == sense(0x5, 0x2C, 0x00));
}

TEST_CASE("RESERVE TRACK beyond the track limit is 5/72/05 (Pioneer R8)") {
    Writer w("blank cd-r");
    REQUIRE(w.set_write_mode(1, 3).good());
    for (int i = 0; i < 98; ++i) REQUIRE(w.reserve(1).good());
    CHECK(w.disc().last_track_number() == 99);
    CHECK(sense_of(w.reserve(1)) == sense(0x5, 0x72, 0x05));
}

TEST_CASE("Test write: every command succeeds, the disc keeps its layout and data") {
    Writer w("blank cd-r");
    REQUIRE(w.set_write_mode(1, 3, true).good());
    const Disc before = w.disc();
    for (std::uint32_t at = 0; at < 320; at += 32) REQUIRE(w.write(at, 32).good());
    CHECK(sense_of(w.write(0, 32)) == sense(0x5, 0x21, 0x02).with_information(0)); // the simulated NWA moves on
    REQUIRE(w.sync().good());
    REQUIRE(w.close(1, 0xFF).good());
    REQUIRE(w.close(2).good());
    CHECK(w.disc().tracks.size() == before.tracks.size());
    CHECK(w.disc().status == DiscStatus::Empty);
    CHECK((w.disc_information()[2] & 3) == 0);
    CHECK(sense_of(w.read(0, 1)) == sense(0x5, 0x21, 0x00).with_information(0));
    // Test write off: the real burn starts from the untouched disc.
    REQUIRE(w.set_write_mode(1, 3, false).good());
    REQUIRE(w.write(0, 32).good());
    w.reload();
    CHECK(w.reads_back(0, 32));
}

TEST_CASE("Test write does not apply to DVD+R: it is ignored and the data is written (MMC page 05h scope)") {
    Writer w("blank dvd+r");
    REQUIRE(w.set_write_mode(1, 0, true).good()); // growisofs sends page 05h for DVD+R: accepted
    REQUIRE(w.write(0, 16).good());
    CHECK(w.reads_back(0, 16));
}

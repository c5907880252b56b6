// Write-once and sequential media written the way libburn and growisofs write them
// (libburn doc/cookbook.txt and libburn/write.c), closed, reloaded and read back byte for byte.
#include "write/write_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

namespace {

// WRITEs of `chunk` blocks from `lba`, as burners send them (32 KiB on DVD, 64 KiB on BD).
void write_chunks(Writer& w, std::uint32_t lba, std::uint32_t count, std::uint32_t chunk, std::uint32_t seed = 1) {
    for (std::uint32_t at = lba; at < lba + count; at += chunk) {
        const auto r = w.write(at, std::min(chunk, lba + count - at), seed);
        REQUIRE_MESSAGE(r.good(), r.sense() << " at " << at);
    }
}

std::uint32_t nwa(Writer& w) {
    const auto ti = w.track_information(1, 0xFF);
    REQUIRE(ti.size() == 48);
    REQUIRE((ti[7] & 1) == 1);
    return scsi::get_be32(ti, 12);
}

// libburn's DVD-R incremental page 05h: write type 0, LS_V with link size 16, FP with packets
// of 16, track mode 5, multi-session as asked.
Result dvd_minus_incremental(Writer& w, std::uint8_t multi_session) {
    return w.set_write_parameters([&](std::span<std::uint8_t> p) {
        p[2] = static_cast<std::uint8_t>(0x40 | 0x20); // BUFE, LS_V, write type 0
        p[3] = static_cast<std::uint8_t>((multi_session << 6) | 0x20 | 0x05);
        p[4] = 8;
        p[5] = 16;
        p[10] = 0, p[11] = 0, p[12] = 0, p[13] = 16;
    });
}

} // namespace

TEST_CASE("DVD+R as growisofs writes it: RESERVE TRACK, 32 KiB WRITEs, SYNC, CLOSE TRACK/SESSION, finalize 101b") {
    Writer w("blank dvd+r");
    REQUIRE(w.reserve(1000).good()); // rounded up to 1008, a whole number of ECC blocks
    CHECK(w.track_information(1, 1) ==
          bytes({0, 46, 1,    1,    0, 0x04, 0xCF, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x03, 0xF0, 0, 0, 0, 0,
                 0, 0,  0x03, 0xF0, 0, 0,    0,    0,    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,    0,    0, 0, 0, 0}));
    CHECK(nwa(w) == 1008); // the invisible track follows the reservation
    write_chunks(w, 0, 1008, 16);
    REQUIRE(w.sync().good());
    // The reserved track is full: complete, its last recorded address valid.
    CHECK(w.track_information(1, 1) ==
          bytes({0, 46, 1,    1,    0, 0x04, 0x81, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                 0, 0,  0x03, 0xF0, 0, 0,    0x03, 0xEF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
    REQUIRE(w.close(1, 1).good());
    REQUIRE(w.close(2).good());
    // Session 2 opens 2048 blocks after session 1 ends (dvd+rw-mediainfo of multi-session DVD+R).
    CHECK(w.disc_information() == bytes({0, 32,   0x01, 1, 2,    2,    2,    0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                         0, 0x0B, 0xF0, 0, 0x23, 0x05, 0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
    CHECK(nwa(w) == 3056);
    REQUIRE(w.close(5).good()); // finalize with minimal radius (libburn burn_disc_finalize_dvd_plus_r)
    CHECK(w.disc_information() == bytes({0,    32,   0x0E, 1,    1,    1,    1,    0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF,
                                         0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
    w.reload();
    CHECK(w.reads_back(0, 1008));
    CHECK(w.capacity() == 1007);
    CHECK(sense_of(w.write(1008, 16)) == sense(0x5, 0x30, 0x05)); // finalized
}

TEST_CASE("DVD+R multi-session: the second session is appended after the gap and both read back") {
    Writer w("blank dvd+r");
    write_chunks(w, 0, 100, 16, 1);
    REQUIRE(w.close(1, 1).good());
    REQUIRE(w.close(2).good());
    const std::uint32_t second = nwa(w);
    CHECK(second == 2160); // 112 (100 padded to an ECC block) + 2048
    write_chunks(w, second, 64, 16, 2);
    REQUIRE(w.close(1, 2).good());
    REQUIRE(w.close(2).good());
    w.reload();
    CHECK(w.disc().session_count() == 3);
    CHECK(w.reads_back(0, 100, 1));
    CHECK(w.reads_back(second, 64, 2));
    CHECK(w.read(100, 12).good()); // the pad of the first track reads as zeros
    CHECK(sense_of(w.read(200, 1)) == sense(0x5, 0x21, 0x00).with_information(200));
}

TEST_CASE("DVD+R DL: write, close track, finalize 110b; the ROM compatibility address goes once written") {
    Writer w("blank dvd+r-dl");
    CHECK(scsi::get_be32(w.track_information(1, 0xFF), 36) == 266240);
    write_chunks(w, 0, 320, 16);
    REQUIRE(w.sync().good());
    REQUIRE(w.close(1, 1).good());
    REQUIRE(w.close(6).good());
    CHECK(w.disc().status == DiscStatus::Complete);
    w.reload();
    CHECK(w.reads_back(0, 320));
    CHECK(w.capacity() == 319);
}

TEST_CASE("BD-R SRM as libburn writes it: 64 KiB WRITEs, CLOSE TRACK, CLOSE SESSION, finalize 110b") {
    Writer w("blank bd-r");
    write_chunks(w, 0, 1000, 32);
    REQUIRE(w.sync().good());
    REQUIRE(w.close(1, 1).good());
    CHECK(scsi::get_be32(w.track_information(1, 1), 24) == 1024); // padded to a 32-block cluster
    REQUIRE(w.close(2).good());
    CHECK(nwa(w) == 1024); // BD-R sessions follow each other without a gap
    write_chunks(w, 1024, 64, 32, 2);
    REQUIRE(w.close(6).good()); // finalize with the second session still open: it is closed too
    CHECK(w.disc_information()[2] == 0x0E);
    w.reload();
    CHECK(w.reads_back(0, 1000, 1));
    CHECK(w.reads_back(1024, 64, 2));
    CHECK(sense_of(w.close(2)) == sense(0x5, 0x30, 0x05));
}

TEST_CASE("CD-R TAO as libburn writes it: page 05h multi-session, WRITEs, SYNC, CLOSE SESSION only") {
    Writer w("blank cd-r");
    REQUIRE(w.set_write_mode(1, 3).good()); // TAO, next session allowed
    CHECK(nwa(w) == 0);
    write_chunks(w, 0, 300, 16);
    REQUIRE(w.sync().good());
    REQUIRE(w.close(2).good()); // libburn >= 0.7.4 closes the session without closing the track
    const auto di = w.disc_information();
    CHECK((di[2] & 3) == 1); // appendable
    CHECK(di[4] == 2);
    // Track 1 ends in 2 run-out blocks: part of it, never readable (K3b and Nero strip them).
    CHECK(scsi::get_be32(w.track_information(1, 1), 24) == 302);
    CHECK(nwa(w) == 302 + 11400); // lead-out 6750 + lead-in 4500 + pregap 150 (cdrecord -msinfo: 0,11702)
    // READ TOC: track 1 at 0, the lead-out right after its run-out.
    const auto toc = w.run(as_vector(scsi::cdb::read_toc(0, 0, 255)), 255);
    REQUIRE(toc.good());
    CHECK(scsi::get_be32(toc.data, toc.data.size() - 4) == 302);
    w.reload();
    CHECK(w.reads_back(0, 300));
    CHECK(!w.read(300, 1).good());
    CHECK(!w.read(299, 2).good());
    CHECK(w.capacity() == 301); // READ CAPACITY: the last block of the track, a run-out block
}

TEST_CASE("CD-R closed without multi-session is complete: no next session, writes refused") {
    Writer w("blank cd-r");
    REQUIRE(w.set_write_mode(1, 0).good());
    write_chunks(w, 0, 300, 32);
    REQUIRE(w.close(1, 0xFF).good()); // track FFh: the invisible track (libburn on CD)
    CHECK(w.disc().status == DiscStatus::Incomplete);
    CHECK(nwa(w) == 302 + 150); // track 2 after track 1's run-out and its own pregap
    REQUIRE(w.close(2).good());
    CHECK((w.disc_information()[2] & 3) == 2);
    CHECK(w.track_information(1, 0xFF).empty());
    CHECK(sense_of(w.write(300, 1)) == sense(0x5, 0x30, 0x05));
}

TEST_CASE("DVD-R incremental as libburn writes it: page 05h, WRITEs, CLOSE TRACK, CLOSE SESSION") {
    Writer w("blank dvd-r");
    REQUIRE(dvd_minus_incremental(w, 3).good());
    write_chunks(w, 0, 500, 16);
    REQUIRE(w.sync().good());
    const auto before = w.track_information(1, 1);
    CHECK(before[6] == 0x31); // not blank, Packet/Inc, FP, mode 1
    CHECK(scsi::get_be32(before, 12) == 500);
    REQUIRE(w.close(1, 1).good());
    REQUIRE(w.close(2).good());
    CHECK(nwa(w) == 512 + 28688); // the first border (dvd+rw-mediainfo)
    w.reload();
    CHECK(w.reads_back(0, 500));
    CHECK(w.disc_information()[4] == 2);
}

TEST_CASE("DVD-R DAO: RESERVE TRACK is mandatory; WRITEs from 0, then SYNC completes the disc") {
    Writer w("blank dvd-r");
    REQUIRE(w.set_write_mode(2).good());
    CHECK(sense_of(w.write(0, 16)) == sense(0x5, 0x2C, 0x00)); // no reservation yet
    REQUIRE(w.reserve(1000).good());
    CHECK(w.track_information(1, 0xFF).empty()); // the reservation is the disc's only track
    CHECK(sense_of(w.reserve(16)) == sense(0x5, 0x72, 0x05));
    write_chunks(w, 0, 1008, 16);
    REQUIRE(w.sync().good());
    CHECK(w.disc_information()[2] == 0x0E);
    w.reload();
    CHECK(w.reads_back(0, 1008));
}

TEST_CASE("DVD-R DL and DVD-RW sequential write incrementally like DVD-R") {
    for (const char* preset : {"blank dvd-r-dl", "blank dvd-rw"}) {
        CAPTURE(preset);
        Writer w(preset);
        REQUIRE(dvd_minus_incremental(w, 0).good());
        write_chunks(w, 0, 64, 16);
        REQUIRE(w.close(1, 1).good());
        REQUIRE(w.close(2).good());
        CHECK(w.disc().status == DiscStatus::Complete); // multi-session 00b: closing finalizes
        w.reload();
        CHECK(w.reads_back(0, 64));
    }
}

TEST_CASE("WRITE(12) and WRITE AND VERIFY(10) write like WRITE(10)") {
    Writer w("blank dvd+r");
    REQUIRE(w.write(0, 16, 1, scsi::Opcode::Write12).good());
    REQUIRE(w.write(16, 16, 2, scsi::Opcode::WriteAndVerify10).good());
    CHECK(w.reads_back(0, 16, 1));
    CHECK(w.reads_back(16, 16, 2));
    CHECK(sense_of(w.run(as_vector(scsi::cdb::write_and_verify10(32, 16, true)), 0, pattern_blocks(3, 32, 16))) ==
          scsi::sense::invalid_field_in_cdb(1, 1));
}

// BLANK on CD-RW and DVD-RW: full, minimal and the track and session types; Immed with
// progress; refused on media that cannot be blanked.
#include "write/write_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

TEST_CASE("CD-RW: write a session, BLANK minimal with Immed (2/04/07 with progress), the disc is blank again") {
    Writer w("blank cd-rw");
    REQUIRE(w.set_write_mode(1, 3).good());
    REQUIRE(w.write(0, 300).good());
    REQUIRE(w.close(2).good());
    REQUIRE(w.blank(1, true).good());
    const auto busy = w.test_unit_ready();
    CHECK(sense_of(busy) == sense(0x2, 0x04, 0x07).with_progress(0x0000));
    CHECK((busy.sense_bytes()[15] & 0x80) != 0);
    w.t->clock.advance(std::chrono::seconds(10));
    REQUIRE(w.test_unit_ready().good());
    CHECK((w.disc_information()[2] & 3) == 0);
    CHECK(sense_of(w.read(0, 1)) == sense(0x5, 0x21, 0x00).with_information(0));
    REQUIRE(w.write(0, 16, 2).good());
    w.reload();
    CHECK(w.reads_back(0, 16, 2));
}

TEST_CASE("CD-RW: BLANK 5 uncloses the last session, 6 erases it, 2 erases the last track") {
    Writer w("blank cd-rw");
    REQUIRE(w.set_write_mode(1, 3).good());
    REQUIRE(w.write(0, 300).good());
    REQUIRE(w.close(2).good());
    CHECK(sense_of(w.blank(2)) == sense(0x5, 0x2C, 0x00)); // the last session is complete: no track to blank
    REQUIRE(w.blank(5).good());
    CHECK(w.disc().last_session == SessionState::Incomplete);
    // Appending to session 1 again: track 2 after track 1's 2 run-out blocks and its pregap.
    CHECK(scsi::get_be32(w.track_information(1, 0xFF), 12) == 302 + 150);
    REQUIRE(w.write(452, 100, 2).good());
    REQUIRE(w.close(1, 2).good());
    REQUIRE(w.blank(2).good());
    CHECK(scsi::get_be32(w.track_information(1, 0xFF), 12) == 452);
    CHECK(w.reads_back(0, 300));
    REQUIRE(w.blank(6).good());
    CHECK((w.disc_information()[2] & 3) == 0);
    CHECK(sense_of(w.blank(4)) == scsi::sense::invalid_field_in_cdb(1, 2)); // track tail is not offered
}

TEST_CASE("CD-RW: BLANK 2 on the track being written blanks that track only, the first one too") {
    Writer w("blank cd-rw");
    REQUIRE(w.set_write_mode(1, 3).good());
    REQUIRE(w.write(0, 300).good());
    REQUIRE(w.close(1, 1).good());
    REQUIRE(w.write(452, 100, 2).good()); // track 2 (after run-out and pregap), still open
    REQUIRE(w.blank(2).good());
    CHECK(scsi::get_be32(w.track_information(1, 0xFF), 12) == 452); // track 2 again from its start
    CHECK(w.reads_back(0, 300));                                    // track 1 kept

    Writer first("blank cd-rw"); // the only track, open: found by fuzzing (regressions/drive_execute)
    REQUIRE(first.set_write_mode(1, 3).good());
    REQUIRE(first.write(0, 2).good());
    REQUIRE(first.blank(2).good());
    CHECK(first.disc().tracks.size() == 1);
    CHECK(scsi::get_be32(first.track_information(1, 0xFF), 12) == 0);
    CHECK((first.disc_information()[2] & 3) == 0);
}

TEST_CASE("DVD-RW: BLANK minimal leaves DAO only (5/64/00 for incremental), full blank allows incremental") {
    Writer w("formatted dvd-rw-ro");
    REQUIRE(w.blank(1).good());
    CHECK(w.current_profile() == 0x0014);
    REQUIRE(w.set_write_mode(0).good());
    CHECK(sense_of(w.write(0, 16)) == sense(0x5, 0x64, 0x00));
    REQUIRE(w.set_write_mode(2).good());
    REQUIRE(w.reserve(16).good());
    REQUIRE(w.write(0, 16).good());
    REQUIRE(w.blank(0).good());
    REQUIRE(w.set_write_mode(0).good());
    CHECK(w.write(0, 16).good());
    CHECK(w.blank(3).good() == false); // nothing reserved to unreserve
}

TEST_CASE("BLANK on write-once and formatted media is 5/30/05") {
    for (const char* preset : {"blank cd-r", "blank dvd-r", "blank dvd+r", "blank bd-r", "formatted dvd+rw",
                               "formatted bd-re", "formatted dvd-ram"}) {
        CAPTURE(preset);
        Writer w(preset);
        CHECK(sense_of(w.blank(0)) == sense(0x5, 0x30, 0x05));
    }
}

// Rewritable media: random-access writes anywhere on formatted media, overwrites, and the
// DVD+RW background format stopped and completed by CLOSE.
#include "write/write_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

TEST_CASE("Formatted DVD+RW, DVD-RAM, BD-RE and restricted-overwrite DVD-RW: write anywhere, overwrite, reload") {
    for (const char* preset : {"formatted dvd+rw", "formatted dvd-ram", "formatted bd-re", "formatted dvd-rw-ro"}) {
        CAPTURE(preset);
        Writer w(preset);
        const Disc before = w.disc();
        REQUIRE(w.write(1024, 32, 1).good());
        REQUIRE(w.write(0, 32, 2).good());
        REQUIRE(w.write(1024, 16, 3).good()); // overwrite the first half
        REQUIRE(w.sync().good());
        CHECK(w.disc().tracks.size() == before.tracks.size()); // random writes leave the layout alone
        CHECK(w.disc().status == before.status);
        w.reload();
        CHECK(w.reads_back(0, 32, 2));
        CHECK(w.reads_back(1024, 16, 3));
        CHECK(w.reads_back(1040, 16, 1));
        const auto last16 = w.disc().capacity_blocks - 16;
        CHECK(sense_of(w.write(last16, 32)) == sense(0x5, 0x21, 0x00).with_information(last16));
    }
}

TEST_CASE("DVD+RW as growisofs writes it: FORMAT 26h with Immed, WRITEs while formatting, CLOSE 010b completes") {
    Writer w("blank dvd+rw");
    CHECK(w.disc_information()[7] == 0x00); // no background format yet
    REQUIRE(w.format(0x26, 0xFFFFFFFF, 0, 0, 0x02).good());
    CHECK(sense_of(w.test_unit_ready()) == sense(0x2, 0x04, 0x04).with_progress(0x0000));
    w.t->clock.advance(std::chrono::seconds(60));
    CHECK(w.test_unit_ready().good());
    CHECK(w.disc_information()[7] == 0x02); // in progress: writes are allowed meanwhile
    REQUIRE(w.write(0, 16).good());
    REQUIRE(w.sync().good());
    REQUIRE(w.close(2).good());
    CHECK(w.disc_information()[7] == 0x03);
    w.reload();
    CHECK(w.reads_back(0, 16));
    CHECK(w.capacity() == 2'295'103);
}

TEST_CASE("DVD+RW: CLOSE 000b stops the background format, FORMAT 26h with Restart resumes it") {
    Writer w("blank dvd+rw");
    REQUIRE(w.format(0x26, 0xFFFFFFFF).good());
    CHECK(sense_of(w.format(0x26, 0xFFFFFFFF, 1)) ==
          scsi::sense::invalid_field_in_parameter_list(11, 0)); // restart of a format that runs
    REQUIRE(w.close(0).good());
    CHECK(w.disc_information()[7] == 0x01);
    REQUIRE(w.format(0x26, 0xFFFFFFFF, 1).good());
    CHECK(w.disc_information()[7] == 0x02);
}

// FORMAT UNIT per medium, its descriptor checked against READ FORMAT CAPACITIES, Immed with
// progress, and the media it changes (DVD-RW sequential <-> restricted overwrite).
#include "write/write_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

namespace {
std::vector<std::uint8_t> rfc(Writer& w) { return w.run(as_vector(scsi::cdb::read_format_capacities(252)), 252).data; }
} // namespace

TEST_CASE("BD-RE: FORMAT 30h with spare areas (FOV|Immed, from READ FORMAT CAPACITIES), progress, then writable") {
    Writer w("blank bd-re");
    CHECK(rfc(w)[8] == 0x01); // unformatted
    REQUIRE(w.format(0x30, 5'796'864, 0x3000, 3, 0x82).good());
    const auto busy = w.test_unit_ready();
    CHECK(sense_of(busy) == sense(0x2, 0x04, 0x04).with_progress(0x0000));
    CHECK((busy.sense_bytes()[15] & 0x80) != 0); // progress indication valid
    w.t->clock.advance(std::chrono::seconds(5));
    const auto half = w.test_unit_ready();
    CHECK(scsi::get_be16(half.sense_bytes(), 16) == 0x8000);
    w.t->clock.advance(std::chrono::seconds(5));
    REQUIRE(w.test_unit_ready().good());
    const auto after = rfc(w);
    CHECK(scsi::get_be32(after, 4) == 5'796'864);
    CHECK(after[8] == 0x02); // formatted
    CHECK(w.capacity() == 5'796'863);
    CHECK(w.current_profile() == 0x0043);
    REQUIRE(w.write(5'796'864 - 32, 32).good());
    w.reload();
    CHECK(w.reads_back(5'796'864 - 32, 32));
}

TEST_CASE("BD-RE: FORMAT 31h without spares gives the whole disc; without Immed the answer waits") {
    Writer w("blank bd-re");
    const auto r = w.format(0x31, 12'219'392, 0x800, 1);
    REQUIRE(r.good());
    CHECK(r.completion.busy_until > w.t->clock.now());
    CHECK(w.disc().capacity_blocks == 12'219'392);
    CHECK(sense_of(w.format(0x31, 12'219'392, 0x800, 2)) ==
          scsi::sense::invalid_field_in_parameter_list(8, 1)); // subtype 10b is not for 31h
}

TEST_CASE("BD-R: FORMAT 00h/32h allots spare areas; the disc stays sequential and offers no format after") {
    Writer w("blank bd-r");
    REQUIRE(w.format(0x32, 11'826'176, 0x3000, 1).good());
    CHECK(w.current_profile() == 0x0041);
    const auto list = rfc(w);
    CHECK(list[3] == 8); // the current descriptor only
    CHECK(scsi::get_be32(list, 4) == 11'826'176);
    CHECK(scsi::get_be32(w.track_information(1, 0xFF), 16) == 11'826'176);
    REQUIRE(w.write(0, 32).good());
    CHECK(sense_of(w.format(0x00, 11'826'176, 0x3000)) == sense(0x5, 0x30, 0x06));
}

TEST_CASE("DVD-RW: FORMAT 15h (quick) makes restricted overwrite, 10h makes it sequential again") {
    Writer w("blank dvd-rw");
    REQUIRE(w.format(0x15, 0).good());
    CHECK(w.current_profile() == 0x0013);
    REQUIRE(w.write(32, 16).good());
    CHECK(w.reads_back(32, 16));
    REQUIRE(w.format(0x10, 2'298'496, 16).good());
    CHECK(w.current_profile() == 0x0014);
    CHECK((w.disc_information()[2] & 3) == 0);
    REQUIRE(w.format(0x00, 2'298'496, 16).good());
    CHECK(w.current_profile() == 0x0013);
    REQUIRE(w.format(0x13, 2'298'496, 16).good());
}

TEST_CASE("DVD-RW: a format that changes the profile posts a GESN Feature Change; one that keeps it does not") {
    Writer w("blank dvd-rw");
    const auto op_change = bytes({0x4A, 1, 0, 0, 0x02, 0, 0, 0, 8, 0}); // polled, class 1 only
    w.run(op_change, 8);                                                // the load's Feature Change
    REQUIRE(w.format(0x15, 0).good());                                  // sequential -> restricted overwrite
    // MMC-6 6.7.2: Operational Change Occurred (02h), report Feature Change (0001h).
    CHECK(w.run(op_change, 8).data == bytes({0x00, 0x06, 0x01, 0x56, 0x02, 0x00, 0x00, 0x01}));
    CHECK(w.run(op_change, 8).data == bytes({0x00, 0x06, 0x01, 0x56, 0x00, 0x00, 0x00, 0x00}));
    REQUIRE(w.format(0x13, 2'298'496, 16).good()); // grows the restricted-overwrite format: same profile
    CHECK(w.run(op_change, 8).data == bytes({0x00, 0x06, 0x01, 0x56, 0x00, 0x00, 0x00, 0x00}));
}

TEST_CASE("DVD-RAM: FORMAT 00h with the block length parameter") {
    Writer w("formatted dvd-ram");
    REQUIRE(w.format(0x00, 2'236'704, 2048).good());
    CHECK(sense_of(w.format(0x00, 2'236'704, 4096)) == scsi::sense::invalid_field_in_parameter_list(9));
}

TEST_CASE("FORMAT UNIT errors: FmtData, format code, descriptor length, IP, type not offered, too many blocks") {
    Writer w("blank bd-re");
    CHECK(sense_of(w.run(bytes({0x04, 0x01, 0, 0, 0, 0}))) == scsi::sense::invalid_field_in_cdb(1, 4));
    CHECK(sense_of(w.run(bytes({0x04, 0x12, 0, 0, 0, 0}), 0, bytes({0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0}))) ==
          scsi::sense::invalid_field_in_cdb(1, 2));
    CHECK(sense_of(w.run(bytes({0x04, 0x11, 0, 0, 0, 0}), 0, bytes({0, 0, 0, 8}))) == sense(0x5, 0x1A, 0x00));
    const auto length = w.run(bytes({0x04, 0x11, 0, 0, 0, 0}), 0, bytes({0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
    CHECK(sense_of(length) == scsi::sense::invalid_field_in_parameter_list(2));
    CHECK(length.sense_bytes()[15] == 0x80); // SKSV, parameter list ...
    CHECK(length.sense_bytes()[17] == 2);    // ... byte 2
    CHECK(sense_of(w.format(0x30, 11'826'176, 0x3000, 0, 0x88)) ==
          scsi::sense::invalid_field_in_parameter_list(1, 3)); // IP: no pattern to write
    const auto type = w.format(0x26, 0xFFFFFFFF);
    CHECK(sense_of(type) == scsi::sense::invalid_field_in_parameter_list(8, 7));
    CHECK(type.sense_bytes()[17] == 8);
    const auto blocks = w.format(0x30, 13'000'000, 0x3000);
    CHECK(sense_of(blocks) == scsi::sense::invalid_field_in_parameter_list(4));
    CHECK(blocks.sense_bytes()[17] == 4);
    Writer cd("blank cd-r");
    CHECK(sense_of(cd.format(0x00, 1000)) == sense(0x5, 0x30, 0x06));
}

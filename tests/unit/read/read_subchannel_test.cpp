#include "read/read_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

namespace {

// READ SUB-CHANNEL: byte 1 MSF, byte 2 SubQ, byte 3 the parameter list, byte 6 the track.
std::vector<std::uint8_t> subchannel(int format, bool msf = false, bool subq = true, int track = 0) {
    return bytes({0x42, msf ? 0x02 : 0, subq ? 0x40 : 0, format, 0, 0, track, 0, 24, 0});
}

} // namespace

TEST_CASE("READ SUB-CHANNEL's current position is the block last read, as LBA or MSF") {
    RomDrive d;
    CHECK(d.run(subchannel(1), 24).data == bytes({0, 0x15, 0, 12, 1, 0x14, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0}));
    REQUIRE(d.run(as_vector(scsi::cdb::read10(5, 3)), 3 * 2048).sense() == "GOOD");
    CHECK(d.run(subchannel(1), 24).data == bytes({0, 0x15, 0, 12, 1, 0x14, 1, 1, 0, 0, 0, 7, 0, 0, 0, 7}));
    CHECK(d.run(subchannel(1, true), 24).data == bytes({0, 0x15, 0, 12, 1, 0x14, 1, 1, 0, 0, 2, 7, 0, 0, 0, 7}));
    REQUIRE(d.run(as_vector(scsi::cdb::read_cd(2, 1)), 2048).sense() == "GOOD"); // READ CD
    CHECK(d.run(subchannel(1), 24).data[11] == 2);
}

TEST_CASE("READ SUB-CHANNEL without SubQ returns the header alone") {
    RomDrive d;
    CHECK(d.run(subchannel(1, false, false), 24).data == bytes({0, 0x15, 0, 0}));
}

TEST_CASE("READ SUB-CHANNEL reports no media catalogue number and no ISRC") {
    RomDrive d;
    auto mcn = d.run(subchannel(2), 24).data;
    REQUIRE(mcn.size() == 24);
    CHECK(std::vector<std::uint8_t>(mcn.begin(), mcn.begin() + 5) == bytes({0, 0x15, 0, 20, 2}));
    CHECK((mcn[8] & 0x80) == 0); // MCVAL
    auto isrc = d.run(subchannel(3, false, true, 1), 24).data;
    REQUIRE(isrc.size() == 24);
    CHECK(std::vector<std::uint8_t>(isrc.begin(), isrc.begin() + 7) == bytes({0, 0x15, 0, 20, 3, 0x14, 1}));
    CHECK((isrc[8] & 0x80) == 0); // TCVAL
}

TEST_CASE("READ SUB-CHANNEL refuses an unknown parameter list or a track the disc lacks") {
    RomDrive d;
    auto format = d.run(subchannel(4), 24);
    CHECK(sense_of(format) == scsi::sense::invalid_field_in_cdb(3));
    CHECK(format.sense_bytes()[17] == 3);
    auto track = d.run(subchannel(3, false, true, 2), 24);
    CHECK(sense_of(track) == scsi::sense::invalid_field_in_cdb(6));
    CHECK(track.sense_bytes()[17] == 6);
}

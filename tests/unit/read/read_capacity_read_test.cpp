#include "read/read_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

namespace {
std::vector<std::uint8_t> expected_blocks(std::uint32_t first, std::uint32_t count) {
    std::vector<std::uint8_t> v;
    for (std::uint32_t b = first; b < first + count; ++b)
        for (std::uint32_t i = 0; i < 2048; ++i) v.push_back(image_byte(b, i));
    return v;
}
} // namespace

TEST_CASE("READ CAPACITY of a ROM image reports its last LBA and 2048-byte blocks") {
    RomDrive d;
    auto r = d.run(as_vector(scsi::cdb::read_capacity()), 8);
    CHECK(r.sense() == "GOOD");
    CHECK(r.data == bytes({0, 0, 0, 9, 0, 0, 0x08, 0}));
    CHECK(d.disc().kind == MediaKind::CdRom);
}

TEST_CASE("READ CAPACITY of a blank DVD+R is 0, of a formatted BD-RE its formatted size") {
    CHECK(LoadedDrive("blank dvd+r").run(as_vector(scsi::cdb::read_capacity()), 8).data ==
          bytes({0, 0, 0, 0, 0, 0, 8, 0}));
    CHECK(LoadedDrive("formatted bd-re").run(as_vector(scsi::cdb::read_capacity()), 8).data ==
          bytes({0x00, 0xB4, 0x73, 0xFF, 0, 0, 8, 0}));
}

TEST_CASE("READ CAPACITY without a medium is NOT READY, MEDIUM NOT PRESENT") {
    TestDrive t{DriveProfile{}};
    t.settled();
    CHECK(sense_of(t.run(as_vector(scsi::cdb::read_capacity()), 8)) == sense(0x2, 0x3A, 0x01));
}

TEST_CASE("READ(10) returns the image's exact bytes") {
    RomDrive d;
    auto r = d.run(as_vector(scsi::cdb::read10(2, 2)), 4096);
    CHECK(r.sense() == "GOOD");
    CHECK(r.data == expected_blocks(2, 2));
    CHECK(r.completion.residual == 0);
}

TEST_CASE("READ(12) returns the image's exact bytes") {
    RomDrive d;
    auto r = d.run(as_vector(scsi::cdb::read12(7, 3)), 3 * 2048);
    CHECK(r.sense() == "GOOD");
    CHECK(r.data == expected_blocks(7, 3));
}

TEST_CASE("READ(10) past the last block is LBA OUT OF RANGE with the LBA as information") {
    RomDrive d;
    auto r = d.run(as_vector(scsi::cdb::read10(9, 2)), 4096);
    CHECK(sense_of(r) == sense(0x5, 0x21, 0x00).with_information(9));
    CHECK(r.sense_bytes()[0] == 0xF0);
    CHECK(r.sense_bytes()[6] == 9);
}

TEST_CASE("READ(10) of zero blocks is GOOD without data; a short buffer gets what fits") {
    RomDrive d;
    auto zero = d.run(as_vector(scsi::cdb::read10(0, 0)), 2048);
    CHECK(zero.sense() == "GOOD");
    CHECK(zero.data.empty());
    auto shortbuf = d.run(bytes({0x28, 0x18 /* DPO FUA */, 0, 0, 0, 1, 0, 0, 2, 0}), 3000);
    CHECK(shortbuf.sense() == "GOOD");
    CHECK(shortbuf.data.size() == 3000);
    CHECK(std::equal(shortbuf.data.begin(), shortbuf.data.end(), expected_blocks(1, 2).begin()));
}

TEST_CASE("READ(10) longer than the profile's maximum transfer is INVALID FIELD naming byte 7") {
    DriveProfile p;
    p.max_transfer_blocks = 32;
    TestDrive t{p};
    auto image = make_image(40);
    t.drive.load(std::move(*make_medium("rom from " + image.string())));
    t.clock.advance(std::chrono::seconds(10));
    t.settled();
    auto r = t.run(as_vector(scsi::cdb::read10(0, 33)), 33 * 2048);
    CHECK(sense_of(r) == scsi::sense::invalid_field_in_cdb(7));
    CHECK(r.sense_bytes()[15] == 0xC0);
    CHECK(r.sense_bytes()[17] == 7);
    std::filesystem::remove(image);
}

TEST_CASE("a ROM image cut short while loaded: READ(10) past the cut is MEDIUM ERROR, before it GOOD") {
    TestDrive t;
    auto image = make_image(40);
    t.drive.load(std::move(*make_medium("rom from " + image.string())));
    t.clock.advance(std::chrono::seconds(10));
    t.settled();
    std::filesystem::resize_file(image, 20 * 2048); // another program truncates the image
    auto before = t.run(as_vector(scsi::cdb::read10(18, 2)), 2 * 2048);
    CHECK(before.sense() == "GOOD");
    CHECK(before.data == expected_blocks(18, 2));
    auto across = t.run(bytes({0x28, 0, 0, 0, 0, 19, 0, 0, 2, 0}), 2 * 2048);
    // Block 19 is still there; the INFORMATION field names block 20, the first that is not.
    CHECK(sense_of(across) == sense(0x3, 0x11, 0x00).with_information(20));
    CHECK(sense_of(t.run(bytes({0x28, 0, 0, 0, 0, 39, 0, 0, 1, 0}), 2048)) ==
          sense(0x3, 0x11, 0x00).with_information(39));
    std::filesystem::remove(image);
}

TEST_CASE("READ(10) beyond the NWA of an appendable CD-R or of a blank DVD+R is LBA OUT OF RANGE") {
    LoadedDrive cd("appendable cd-r used=1000");
    CHECK(cd.run(bytes({0x28, 0, 0, 0, 0x03, 0xE7, 0, 0, 1, 0}), 2048).sense() == "GOOD"); // LBA 999
    CHECK(sense_of(cd.run(bytes({0x28, 0, 0, 0, 0x03, 0xE8, 0, 0, 1, 0}), 2048)) ==
          sense(0x5, 0x21, 0x00).with_information(1000));
    CHECK(sense_of(LoadedDrive("blank dvd+r").run(bytes({0x28, 0, 0, 0, 0, 0, 0, 0, 1, 0}), 2048)) ==
          sense(0x5, 0x21, 0x00).with_information(0));
}

TEST_CASE("READ(10) anywhere on a formatted DVD+RW returns zeros where nothing was written") {
    LoadedDrive d("formatted dvd+rw");
    auto r = d.run(as_vector(scsi::cdb::read10(0x23053F, 1)), 2048); // last block 2295103
    CHECK(r.sense() == "GOOD");
    CHECK(r.data == std::vector<std::uint8_t>(2048, 0));
}

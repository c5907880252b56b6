#include "read/read_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

namespace {
std::vector<std::uint8_t> rds(std::uint8_t media, std::uint8_t format, std::uint16_t alloc) {
    return bytes({0xAD, media, 0, 0, 0, 0, 0, format, alloc >> 8, alloc & 0xFF, 0, 0});
}
} // namespace

TEST_CASE("READ DISC STRUCTURE 00h of a DVD+R: book type A1h, data area 030000h-26053Fh") {
    LoadedDrive d("blank dvd+r");
    auto r = d.run(rds(0, 0x00, 0xFFFF), 4096);
    REQUIRE(r.data.size() == 2052);
    CHECK(std::vector<std::uint8_t>(r.data.begin(), r.data.begin() + 21) ==
          bytes({0x08, 0x02, 0, 0, 0xA1, 0x02, 0x02, 0x10, 0, 0x03, 0, 0, 0, 0x26, 0x05, 0x3F, 0, 0, 0, 0, 0}));
}

TEST_CASE("READ DISC STRUCTURE 00h book types per medium") {
    CHECK(LoadedDrive("closed dvd-r").run(rds(0, 0, 8), 8).data[4] == 0x25);
    CHECK(LoadedDrive("formatted dvd+rw").run(rds(0, 0, 8), 8).data[4] == 0x92);
    CHECK(LoadedDrive("formatted dvd-ram").run(rds(0, 0, 8), 8).data[4] == 0x16);
    auto dl = LoadedDrive("blank dvd+r-dl").run(rds(0, 0, 20), 20).data;
    CHECK(dl[4] == 0xE1);
    CHECK(dl[6] == 0x32); // two layers, opposite track path, recordable
}

TEST_CASE("READ DISC STRUCTURE 01h copyright and 11h ADIP of DVD+R") {
    LoadedDrive d("blank dvd+r");
    CHECK(d.run(rds(0, 0x01, 100)).data == bytes({0, 6, 0, 0, 0, 0, 0, 0}));
    auto adip = d.run(rds(0, 0x11, 0xFFFF)).data;
    REQUIRE(adip.size() == 260);
    CHECK(adip[0] == 0x01);
    CHECK(adip[1] == 0x02);
    CHECK(adip[4] == 0xA1);
}

TEST_CASE("READ DISC STRUCTURE FFh lists the structures of the loaded medium") {
    CHECK(LoadedDrive("blank dvd+r").run(rds(0, 0xFF, 100)).data ==
          bytes({0,    18,   0,    0,    0x00, 0x40, 0x08, 0x02, 0x01, 0x40,
                 0x00, 0x06, 0x11, 0x40, 0x01, 0x02, 0xFF, 0x40, 0xFF, 0xFF}));
    CHECK(LoadedDrive("closed dvd-r").run(rds(0, 0xFF, 100)).data ==
          bytes({0, 14, 0, 0, 0x00, 0x40, 0x08, 0x02, 0x01, 0x40, 0x00, 0x06, 0xFF, 0x40, 0xFF, 0xFF}));
    CHECK(LoadedDrive("formatted bd-re").run(rds(1, 0xFF, 100)).data ==
          bytes({0, 10, 0, 0, 0x00, 0x40, 0x10, 0x02, 0xFF, 0x40, 0xFF, 0xFF}));
}

TEST_CASE("READ DISC STRUCTURE BD 00h begins with the DI unit") {
    auto r = LoadedDrive("formatted bd-re").run(rds(1, 0x00, 0xFFFF), 8192).data;
    REQUIRE(r.size() == 4100);
    CHECK(std::vector<std::uint8_t>(r.begin(), r.begin() + 15) ==
          bytes({0x10, 0x02, 0, 0, 'D', 'I', 1, 0, 1, 0, 0, 0, 'B', 'D', 'W'}));
}

TEST_CASE("READ DISC STRUCTURE of an absent structure, a CD and no medium") {
    CHECK(sense_of(LoadedDrive("closed dvd-r").run(rds(0, 0x11, 100))) == scsi::sense::invalid_field_in_cdb(7));
    CHECK(sense_of(LoadedDrive("blank dvd+r").run(rds(0, 0x05, 100))) == scsi::sense::invalid_field_in_cdb(7));
    CHECK(sense_of(LoadedDrive("blank dvd+r").run(rds(1, 0x00, 100))) == scsi::sense::invalid_field_in_cdb(1, 3));
    CHECK(sense_of(LoadedDrive("formatted bd-re").run(rds(1, 0x11, 100))) == scsi::sense::invalid_field_in_cdb(7));
    CHECK(sense_of(LoadedDrive("blank cd-r").run(rds(0, 0x00, 100))) == sense(0x5, 0x30, 0x02));
    TestDrive t{DriveProfile{}};
    t.settled();
    CHECK(sense_of(t.run(rds(0, 0xFF, 100), 100)) == sense(0x2, 0x3A, 0x01));
}

namespace {
std::vector<std::uint8_t> sds(std::uint8_t format, std::uint16_t length) {
    return bytes({0xBF, 0, 0, 0, 0, 0, 0, format, length >> 8, length & 0xFF, 0, 0});
}
// The parameter list of SEND DISC STRUCTURE 20h (MMC-6 table 603): layer 0 capacity `blocks`.
std::vector<std::uint8_t> layer_boundary(std::uint32_t blocks) {
    std::vector<std::uint8_t> list{0, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    scsi::put_be32(list, 8, blocks);
    return list;
}
} // namespace

TEST_CASE("DVD+R DL layer boundary: 20h reads half the disc, can still be set; SEND DISC STRUCTURE sets it") {
    LoadedDrive d("blank dvd+r-dl");
    auto lb = d.run(rds(0, 0x20, 12)).data;
    REQUIRE(lb.size() == 12);
    CHECK(lb[1] == 10);
    CHECK(lb[4] == 0x00); // InitStatus 0: can still be set
    const std::uint32_t half = scsi::get_be32(lb, 8);
    CHECK(half == 4173824 / 2);
    auto r = d.run(sds(0x20, 12), 0, layer_boundary(1000000));
    CHECK(r.good());
    CHECK(scsi::get_be32(d.run(rds(0, 0x20, 12)).data, 8) == 1000000);
    // The physical format's end of layer 0 follows (byte 4+13..15: end PSN of layer 0).
    auto pf = d.run(rds(0, 0x00, 20)).data;
    CHECK(scsi::get_be24(pf, 17) == 0x030000 + 1000000 - 1);
    // FFh lists 20h as sendable and readable.
    auto list = d.run(rds(0, 0xFF, 100)).data;
    bool listed = false;
    for (std::size_t i = 4; i + 4 <= list.size(); i += 4)
        if (list[i] == 0x20) listed = (list[i + 1] & 0xC0) == 0xC0;
    CHECK(listed);
}

TEST_CASE("SEND DISC STRUCTURE 20h refusals: wrong medium, bad capacity, short list, a disc already written") {
    LoadedDrive sl("blank dvd+r");
    CHECK(sl.sense(sds(0x20, 12), layer_boundary(16)) == scsi::sense::invalid_field_in_cdb(7));
    LoadedDrive d("blank dvd-r-dl");
    CHECK(d.sense(sds(0x30, 12), layer_boundary(16)) == scsi::sense::invalid_field_in_cdb(7));
    CHECK(d.sense(sds(0x20, 12), layer_boundary(1000001)) ==
          scsi::sense::invalid_field_in_parameter_list(8)); // not whole ECC blocks
    CHECK(d.sense(sds(0x20, 12), layer_boundary(0)) == scsi::sense::invalid_field_in_parameter_list(8));
    CHECK(d.sense(sds(0x20, 12), layer_boundary(4000000)) ==
          scsi::sense::invalid_field_in_parameter_list(8)); // past the first layer
    CHECK(d.sense(sds(0x20, 8), bytes({0, 6, 0, 0, 0, 0, 0, 0})) == sense(0x5, 0x1A, 0x00));
    CHECK(d.run(sds(0x20, 0)).good()); // nothing sent, nothing done
    // Once written, the boundary is fixed: InitStatus 1, and setting it is out of sequence.
    std::vector<std::uint8_t> block(16 * 2048, 0x5A);
    REQUIRE(d.run(as_vector(scsi::cdb::write10(0, 16)), 0, block).good());
    CHECK(d.run(rds(0, 0x20, 12)).data[4] == 0x80);
    CHECK(d.sense(sds(0x20, 12), layer_boundary(1000000)) == sense(0x5, 0x2C, 0x00));
}

#include "emulator/media/cd_sector.hpp"
#include "emulator/media/cd_subchannel.hpp"
#include "read/read_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

namespace {

// READ CD of `count` blocks from `lba`: byte 1 expected sector type, byte 9 the main-channel
// selection, byte 10 the sub-channel.
std::vector<std::uint8_t> read_cd_cdb(std::uint32_t lba, std::uint32_t count, int type, int selection, int sub = 0) {
    return bytes({0xBE, type << 2, static_cast<int>(lba >> 24), static_cast<int>((lba >> 16) & 0xFF),
                  static_cast<int>((lba >> 8) & 0xFF), static_cast<int>(lba & 0xFF), static_cast<int>(count >> 16),
                  static_cast<int>((count >> 8) & 0xFF), static_cast<int>(count & 0xFF), selection, sub, 0});
}

std::uint32_t information(const Result& r) {
    const auto s = r.sense_bytes();
    return std::uint32_t{s[3]} << 24 | std::uint32_t{s[4]} << 16 | std::uint32_t{s[5]} << 8 | s[6];
}

bool user_data_is_block(const std::uint8_t* at, std::uint32_t block) {
    for (std::uint32_t i = 0; i < 2048; ++i)
        if (at[i] != image_byte(block, i)) return false;
    return true;
}

} // namespace

TEST_CASE("READ CD of user data returns the image's blocks, for any sector type or Mode 1") {
    RomDrive d;
    for (const int type : {0, 2}) {
        CAPTURE(type);
        auto r = d.run(read_cd_cdb(3, 2, type, 0x10), 2 * 2048);
        REQUIRE(r.sense() == "GOOD");
        REQUIRE(r.data.size() == 2 * 2048);
        CHECK(user_data_is_block(r.data.data(), 3));
        CHECK(user_data_is_block(r.data.data() + 2048, 4));
    }
}

TEST_CASE("READ CD of whole sectors: sync, BCD address, mode 1, the user data, an EDC that checks") {
    RomDrive d;
    auto r = d.run(read_cd_cdb(5, 3, 2, 0xF8), 3 * 2352);
    REQUIRE(r.sense() == "GOOD");
    REQUIRE(r.data.size() == 3 * 2352);
    for (std::uint32_t b = 0; b < 3; ++b) {
        CAPTURE(b);
        const std::uint8_t* s = r.data.data() + b * 2352;
        CHECK(s[0] == 0);
        CHECK(std::all_of(s + 1, s + 11, [](std::uint8_t v) { return v == 0xFF; }));
        CHECK(s[11] == 0);
        CHECK(s[12] == 0x00); // LBA 5 + b + 150 = 00:02:05 + b
        CHECK(s[13] == 0x02);
        CHECK(s[14] == 0x05 + b);
        CHECK(s[15] == 0x01);
        CHECK(user_data_is_block(s + 16, 5 + b));
        CHECK(cd::edc(std::span<const std::uint8_t>(s, 2068)) == 0);
        cd::RawSector expected{};
        std::copy(s, s + 2352, expected.begin());
        cd::compute_parity(expected);
        CHECK(std::equal(expected.begin(), expected.end(), s)); // P and Q as ECMA-130 annex A makes them
    }
}

TEST_CASE("READ CD returns the bytes MMC's table gives each main-channel, C2 and sub-channel selection") {
    RomDrive d;
    const std::pair<int, std::size_t> main[] = {{0x00, 0},    {0x08, 288},  {0x10, 2048}, {0x18, 2336}, {0x20, 4},
                                                {0x30, 2052}, {0x38, 2340}, {0x40, 0},    {0x50, 2048}, {0x58, 2336},
                                                {0x60, 4},    {0x70, 2052}, {0x78, 2340}, {0xA0, 16},   {0xB0, 2064},
                                                {0xB8, 2352}, {0xE0, 16},   {0xF0, 2064}, {0xF8, 2352}};
    for (const auto& [selection, size] : main) {
        CAPTURE(selection);
        CHECK(d.run(read_cd_cdb(0, 2, 0, selection), 8192).data.size() == 2 * size);
        CHECK(d.run(read_cd_cdb(0, 1, 0, selection | 0x02), 8192).data.size() == size + 294);
        CHECK(d.run(read_cd_cdb(0, 1, 0, selection | 0x04), 8192).data.size() == size + 296);
        CHECK(d.run(read_cd_cdb(0, 1, 0, selection, 1), 8192).data.size() == size + 96);
        CHECK(d.run(read_cd_cdb(0, 1, 0, selection, 2), 8192).data.size() == size + 16);
        CHECK(d.run(read_cd_cdb(0, 1, 0, selection, 4), 8192).data.size() == size + 96);
    }
}

TEST_CASE("READ CD refuses the combinations MMC makes illegal, naming the field") {
    RomDrive d;
    // Sync without the header after it; EDC/ECC after a header without the user data between.
    for (const int selection : {0x80, 0x88, 0x90, 0x98, 0xC0, 0xD8, 0x28, 0x48, 0x68, 0xA8, 0xE8}) {
        CAPTURE(selection);
        auto r = d.run(read_cd_cdb(0, 1, 0, selection), 4096);
        CHECK(sense_of(r) == scsi::sense::invalid_field_in_cdb(9));
        CHECK(r.sense_bytes()[17] == 9);
    }
    auto c2 = d.run(read_cd_cdb(0, 1, 0, 0x16), 4096); // error field 11b is reserved
    CHECK(sense_of(c2) == scsi::sense::invalid_field_in_cdb(9, 2));
    CHECK(c2.sense_bytes()[17] == 9);
    for (const int sub : {3, 5, 6, 7}) {
        auto r = d.run(read_cd_cdb(0, 1, 0, 0x10, sub), 4096);
        CHECK(sense_of(r) == scsi::sense::invalid_field_in_cdb(10, 2));
        CHECK(r.sense_bytes()[17] == 10);
    }
    auto type = d.run(read_cd_cdb(0, 1, 6, 0x10), 4096);
    CHECK(sense_of(type) == scsi::sense::invalid_field_in_cdb(1, 4));
    CHECK(type.sense_bytes()[17] == 1);
}

TEST_CASE(
    "READ CD expecting audio or Mode 2 on a Mode 1 track, or any CD sector on a DVD, is ILLEGAL MODE FOR THIS TRACK") {
    RomDrive d;
    for (const int type : {1, 3, 4, 5}) {
        auto r = d.run(read_cd_cdb(4, 1, type, 0x10), 4096);
        CHECK(sense_of(r) == sense(0x5, 0x64, 0x00).with_information(4));
        CHECK(information(r) == 4);
    }
    RomDrive dvd(10, "dvd-rom");
    CHECK(sense_of(dvd.run(read_cd_cdb(0, 1, 0, 0x10), 4096)) == sense(0x5, 0x64, 0x00).with_information(0));
}

TEST_CASE("READ CD past the recorded area is LBA OUT OF RANGE; zero blocks probe the fields only") {
    RomDrive d;
    auto r = d.run(read_cd_cdb(9, 2, 0, 0x10), 8192);
    CHECK(sense_of(r) == sense(0x5, 0x21, 0x00).with_information(9));
    CHECK(information(r) == 9);
    auto probe = d.run(read_cd_cdb(0, 0, 0, 0x10, 4), 0);
    CHECK(probe.sense() == "GOOD");
    CHECK(probe.data.empty());
    CHECK(sense_of(d.run(read_cd_cdb(0, 0, 0, 0x10, 7), 0)) == scsi::sense::invalid_field_in_cdb(10, 2));
}

TEST_CASE("READ CD's formatted Q and raw P-W give each block's track, index and times") {
    RomDrive d;
    auto r = d.run(read_cd_cdb(7, 2, 0, 0x10, 2), 2 * (2048 + 16));
    REQUIRE(r.sense() == "GOOD");
    const std::uint8_t* q = r.data.data() + 2048;
    CHECK(std::vector<std::uint8_t>(q, q + 10) == bytes({0x41, 0x01, 0x01, 0x00, 0x00, 0x07, 0, 0x00, 0x02, 0x07}));
    const std::uint16_t crc = cd::q_crc(std::span<const std::uint8_t>(q, 10));
    CHECK(q[10] == crc >> 8);
    CHECK(q[11] == (crc & 0xFF));
    CHECK(std::all_of(q + 12, q + 16, [](std::uint8_t v) { return v == 0; }));
    CHECK(r.data[2 * 2048 + 16 + 5] == 0x08); // the next block: relative frame 8
    CHECK(user_data_is_block(r.data.data() + 2048 + 16, 8));
    auto raw = d.run(read_cd_cdb(7, 1, 0, 0x00, 1), 96);
    REQUIRE(raw.data.size() == 96);
    const auto pw = cd::raw_pw(cd::q_position(0x4, 1, 1, 7, 7), false);
    CHECK(std::equal(pw.begin(), pw.end(), raw.data.begin()));
}

TEST_CASE("READ CD MSF reads from the start address up to, not including, the end address") {
    RomDrive d;
    auto r = d.run(as_vector(scsi::cdb::read_cd_msf({0, 2, 2}, {0, 2, 4})), 8192); // 00:02:02 - 00:02:04: LBA 2, 3
    REQUIRE(r.sense() == "GOOD");
    REQUIRE(r.data.size() == 2 * 2048);
    CHECK(user_data_is_block(r.data.data(), 2));
    CHECK(user_data_is_block(r.data.data() + 2048, 3));
    CHECK(d.run(as_vector(scsi::cdb::read_cd_msf({0, 2, 2}, {0, 2, 2})), 8192).data.empty());
    auto backwards = d.run(as_vector(scsi::cdb::read_cd_msf({0, 2, 4}, {0, 2, 2})), 8192);
    CHECK(sense_of(backwards) == scsi::sense::invalid_field_in_cdb(6));
    CHECK(backwards.sense_bytes()[17] == 6);
    auto bad_second = d.run(as_vector(scsi::cdb::read_cd_msf({0, 60, 0}, {0, 2, 2})), 8192);
    CHECK(sense_of(bad_second) == scsi::sense::invalid_field_in_cdb(4));
    CHECK(bad_second.sense_bytes()[17] == 4);
}

TEST_CASE("READ CD into a buffer smaller than the blocks fills it and reports the rest as residual") {
    RomDrive d;
    auto r = d.run(read_cd_cdb(1, 2, 0, 0xF8), 3000);
    CHECK(r.sense() == "GOOD");
    REQUIRE(r.data.size() == 3000);
    CHECK(user_data_is_block(r.data.data() + 16, 1));
    CHECK(r.data[2352 + 16] == image_byte(2, 0));
    CHECK(r.data[2352 + 15] == 0x01);
}

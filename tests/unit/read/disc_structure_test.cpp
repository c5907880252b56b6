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
    CHECK(LoadedDrive("closed dvd-r").run(rds(0, 0x11, 100)).sense() == "5/24/00");
    CHECK(LoadedDrive("blank dvd+r").run(rds(0, 0x05, 100)).sense() == "5/24/00");
    CHECK(LoadedDrive("blank dvd+r").run(rds(1, 0x00, 100)).sense() == "5/24/00");
    CHECK(LoadedDrive("formatted bd-re").run(rds(1, 0x11, 100)).sense() == "5/24/00");
    CHECK(LoadedDrive("blank cd-r").run(rds(0, 0x00, 100)).sense() == "5/30/02");
    TestDrive t{DriveProfile{}};
    t.settled();
    CHECK(t.run(rds(0, 0xFF, 100), 100).sense() == "2/3A/01");
}

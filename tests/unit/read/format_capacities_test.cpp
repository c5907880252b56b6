#include "read/read_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

namespace {
const auto rfc = bytes({0x23, 0, 0, 0, 0, 0, 0, 0x01, 0x00, 0});
}

TEST_CASE("READ FORMAT CAPACITIES without a medium: one descriptor of type 11b") {
    TestDrive t{DriveProfile{}};
    t.settled();
    CHECK(t.run(rfc, 256).data == bytes({0, 0, 0, 8, 0x00, 0xBA, 0x74, 0x00, 0x03, 0x00, 0x08, 0x00}));
}

TEST_CASE("READ FORMAT CAPACITIES of a blank DVD+RW: unformatted, format 26h") {
    LoadedDrive d("blank dvd+rw");
    CHECK(d.run(rfc).data ==
          bytes({0, 0, 0, 16, 0x00, 0x23, 0x05, 0x40, 0x01, 0x00, 0x08, 0x00, 0x00, 0x23, 0x05, 0x40, 0x98, 0, 0, 0}));
    CHECK(LoadedDrive("formatted dvd+rw").run(rfc).data[8] == 0x02);
}

TEST_CASE("READ FORMAT CAPACITIES of a formatted BD-RE: current size, 00h, 30h spares, 31h") {
    LoadedDrive d("formatted bd-re");
    CHECK(d.run(rfc).data == bytes({0,    0,    0,    48,                              //
                                    0x00, 0xB4, 0x74, 0x00, 0x02, 0x00, 0x08, 0x00,    // current: 11826176 formatted
                                    0x00, 0xB4, 0x74, 0x00, 0x00, 0x00, 0x30, 0x00,    // 00h
                                    0x00, 0xB4, 0x74, 0x00, 0xC0, 0x00, 0x30, 0x00,    // 30h default spare
                                    0x00, 0x58, 0x74, 0x00, 0xC0, 0x00, 0x30, 0x00,    // 30h 5796864
                                    0x00, 0xB8, 0x74, 0x00, 0xC0, 0x00, 0x30, 0x00,    // 30h 12088320
                                    0x00, 0xBA, 0x74, 0x00, 0xC4, 0x00, 0x08, 0x00})); // 31h 12219392
}

TEST_CASE("READ FORMAT CAPACITIES of a blank BD-R lists 00h and 32h; a ROM only its size") {
    auto bd = LoadedDrive("blank bd-r").run(rfc).data;
    CHECK(bd[3] == 40);
    CHECK(bd[8] == 0x01);
    CHECK(bd[24] == 0x32 << 2);
    auto image = make_image(5);
    CHECK(LoadedDrive("rom from " + image.string()).run(rfc).data ==
          bytes({0, 0, 0, 8, 0, 0, 0, 5, 0x02, 0x00, 0x08, 0x00}));
    std::filesystem::remove(image);
}

TEST_CASE("READ FORMAT CAPACITIES honours the allocation length") {
    LoadedDrive d("blank dvd+rw");
    CHECK(d.run(as_vector(scsi::cdb::read_format_capacities(12))).data.size() == 12);
}

#include "read/read_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

TEST_CASE("READ TRACK INFORMATION of the invisible track of a blank DVD+R") {
    LoadedDrive d("blank dvd+r");
    const auto expected =
        bytes({0, 46,   1,    1,    0, 0x04, 0x4F, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x23, 0x05, 0x40, 0, 0, 0, 0,
               0, 0x23, 0x05, 0x40, 0, 0,    0,    0,    0, 0, 0, 0, 0, 0, 0, 0, 0,    0,    0,    0,    0, 0, 0, 0});
    CHECK(ti(d, 1, 0xFF) == expected);
    CHECK(ti(d, 1, 1) == expected);
    CHECK(ti(d, 0, 1234) == expected);
    CHECK(ti(d, 2, 1) == expected);
}

TEST_CASE("READ TRACK INFORMATION of an appendable CD-R: the closed track and the next session's") {
    LoadedDrive d("appendable cd-r used=1000");
    CHECK(ti(d, 1, 1) ==
          bytes({0, 46, 1,    1,    0, 0x04, 0x01, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                 0, 0,  0x03, 0xE8, 0, 0,    0,    0,    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
    // track 2 at 1000 + 11400 = 12400 (0x3070); free 359849 - 12400 = 347449 (0x054D39)
    const auto open = bytes({0, 46,   2,    2,    0, 0x04, 0x4F, 0x01, 0, 0,    0x30, 0x70, 0, 0, 0x30, 0x70,
                             0, 0x05, 0x4D, 0x39, 0, 0,    0,    0,    0, 0x05, 0x4D, 0x39, 0, 0, 0,    0,
                             0, 0,    0,    0,    0, 0,    0,    0,    0, 0,    0,    0,    0, 0, 0,    0});
    CHECK(ti(d, 1, 0xFF) == open);
    CHECK(ti(d, 2, 2) == open);
    CHECK(ti(d, 0, 12400) == open);
}

TEST_CASE("READ TRACK INFORMATION of a blank DVD-R: incremental, fixed packets of 16") {
    LoadedDrive d("blank dvd-r");
    const auto r = ti(d, 1, 0xFF);
    CHECK(r[5] == 0x05);
    CHECK(r[6] == 0x7F);
    CHECK(r[23] == 16);
}

TEST_CASE("READ TRACK INFORMATION of a missing track, session or LBA, and address type 11b") {
    LoadedDrive d("closed dvd+r");
    CHECK(sense_of(d.run(bytes({0x52, 1, 0, 0, 0, 0xFF, 0, 0, 48, 0}))) ==
          scsi::sense::invalid_field_in_cdb(2)); // no invisible track
    CHECK(sense_of(d.run(bytes({0x52, 1, 0, 0, 0, 2, 0, 0, 48, 0}))) == scsi::sense::invalid_field_in_cdb(2));
    CHECK(sense_of(d.run(bytes({0x52, 2, 0, 0, 0, 2, 0, 0, 48, 0}))) == scsi::sense::invalid_field_in_cdb(2));
    CHECK(sense_of(d.run(bytes({0x52, 0, 0, 0x10, 0, 0, 0, 0, 48, 0}))) == sense(0x5, 0x21, 0x00));
    CHECK(sense_of(d.run(bytes({0x52, 3, 0, 0, 0, 1, 0, 0, 48, 0}))) == scsi::sense::invalid_field_in_cdb(1, 1));
}

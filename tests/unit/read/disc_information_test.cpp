#include "read/read_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

namespace {
std::vector<std::uint8_t> di(LoadedDrive& d) { return d.run(as_vector(scsi::cdb::read_disc_information(34))).data; }
} // namespace

TEST_CASE("READ DISC INFORMATION of a blank CD-R: empty, one session, ATIP lead-in and lead-out") {
    LoadedDrive d("blank cd-r");
    CHECK(di(d) == bytes({0,  32, 0x00, 1, 1,  1,  1,  0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                          97, 26, 66,   0, 79, 59, 74, 0,    0, 0, 0, 0, 0, 0, 0, 0, 0}));
}

TEST_CASE("READ DISC INFORMATION of an appendable CD-R: lead-in of session 2 follows the 6750-block lead-out") {
    LoadedDrive d("appendable cd-r used=1000");
    // next lead-in at 1000 + 6750 = 7750 = 01:45:25
    CHECK(di(d) == bytes({0, 32, 0x01, 1, 2,  2,  2,  0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                          1, 45, 25,   0, 79, 59, 74, 0,    0, 0, 0, 0, 0, 0, 0, 0, 0}));
}

TEST_CASE("READ DISC INFORMATION of an appendable DVD+R: next session 2048 blocks after the first") {
    LoadedDrive d("appendable dvd+r");
    CHECK(di(d) == bytes({0,    32,   0x01, 1,    2,    2,    2,    0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0x00,
                          0x00, 0x48, 0x00, 0x00, 0x23, 0x05, 0x40, 0,    0, 0, 0, 0, 0, 0, 0, 0, 0}));
}

TEST_CASE("READ DISC INFORMATION of a closed DVD-R and a formatted DVD+RW: complete") {
    LoadedDrive closed("closed dvd-r");
    CHECK(di(closed) == bytes({0,    32,   0x0E, 1,    1,    1,    1,    0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF,
                               0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
    LoadedDrive plus("formatted dvd+rw");
    CHECK(di(plus) == bytes({0,    32,   0x1E, 1,    1,    1,    1,    0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF,
                             0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0,    0, 0, 0, 0, 0, 0, 0, 0, 0}));
    LoadedDrive bd("blank bd-re");
    CHECK(di(bd)[2] == 0x10);
    CHECK(di(bd)[7] == 0x00);
}

TEST_CASE("READ DISC INFORMATION track resources and an unsupported data type") {
    LoadedDrive d("blank dvd+r");
    CHECK(d.run(as_vector(scsi::cdb::read_disc_information(12, 1))).data ==
          bytes({0, 10, 1, 0, 0x40, 0x00, 0, 1, 0x40, 0x00, 0x40, 0x00}));
    CHECK(sense_of(d.run(as_vector(scsi::cdb::read_disc_information(12, 2)))) ==
          scsi::sense::invalid_field_in_cdb(1, 2));
}

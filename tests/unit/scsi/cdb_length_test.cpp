// The CDB group -> length rule (SPC-4 4.2.5.1 table 5) and where Linux's COMMAND_SIZE differs.
#include "scsi/opcode.hpp"

#include <doctest/doctest.h>

using namespace spindle::scsi;

TEST_CASE("the group code fixes the CDB length for groups 0, 1, 2, 4 and 5") {
    CHECK(cdb_length(0x00) == 6u); // TEST UNIT READY
    CHECK(cdb_length(0x1F) == 6u);
    CHECK(cdb_length(0x28) == 10u); // READ(10)
    CHECK(cdb_length(0x5A) == 10u); // MODE SENSE(10)
    CHECK(cdb_length(0x88) == 16u); // READ(16)
    CHECK(cdb_length(0xA8) == 12u); // READ(12)
    CHECK(cdb_length(0xBF) == 12u);
}

TEST_CASE("groups 3, 6 and 7 fix no length") {
    CHECK_FALSE(cdb_length(0x60));
    CHECK_FALSE(cdb_length(0x7F)); // variable length
    CHECK_FALSE(cdb_length(0xC0));
    CHECK_FALSE(cdb_length(0xFF));
}

TEST_CASE("Linux takes 12 bytes of a group 3 CDB and 10 of a vendor-specific one") {
    CHECK(linux_command_size(0x60) == 12u);
    CHECK(linux_command_size(0xC5) == 10u);
    CHECK(linux_command_size(0xE0) == 10u);
    CHECK(linux_command_size(0x12) == 6u);
    CHECK(linux_command_size(0xAD) == 12u);
}

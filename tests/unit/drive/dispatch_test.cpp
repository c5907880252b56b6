// The dispatcher: unit attention, unknown opcodes, the control byte, short CDBs.
#include "profile_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

TEST_CASE("power-on unit attention is reported once, then the drive reports no medium") {
    TestDrive t(small_profile());
    CHECK(sense_of(t.run({0x00, 0, 0, 0, 0, 0})) == sense(0x6, 0x29, 0x00));
    CHECK(sense_of(t.run({0x00, 0, 0, 0, 0, 0})) == sense(0x2, 0x3A, 0x01));
}

TEST_CASE("INQUIRY runs with a unit attention pending and leaves it pending") {
    TestDrive t(small_profile());
    CHECK(t.run({0x12, 0, 0, 0, 36, 0}, 36).good());
    CHECK(sense_of(t.run({0x00, 0, 0, 0, 0, 0})) == sense(0x6, 0x29, 0x00));
}

TEST_CASE("an opcode the drive does not implement is INVALID COMMAND OPERATION CODE") {
    TestDrive t(small_profile());
    t.settled();
    auto r = t.run({0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    CHECK(sense_of(r) == scsi::sense::invalid_opcode());
    r = t.run({0x2B, 0, 0, 0, 0, 0, 0, 0, 0, 0}); // SEEK(10): not a command of this drive
    CHECK(sense_of(r) == scsi::sense::invalid_opcode());
}

TEST_CASE("an unknown opcode with a unit attention pending reports the unit attention first") {
    TestDrive t(small_profile());
    CHECK(sense_of(t.run({0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})) == sense(0x6, 0x29, 0x00));
    CHECK(sense_of(t.run({0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})) == scsi::sense::invalid_opcode());
}

TEST_CASE("NACA in the control byte is INVALID FIELD IN CDB naming the control byte, bit 2") {
    TestDrive t(small_profile());
    t.settled();
    auto r = t.run({0x12, 0, 0, 0, 36, 0x04}, 36);
    CHECK(sense_of(r) == scsi::sense::invalid_field_in_cdb(5, 2));
    const auto s = r.sense_bytes();
    CHECK(s[15] == 0xCA); // SKSV, C/D, BPV, bit 2
    CHECK(s[16] == 0x00);
    CHECK(s[17] == 0x05);
}

TEST_CASE("a CDB shorter than its command is read as if zero-padded") {
    TestDrive t(small_profile());
    auto r = t.run({0x12, 0, 0}, 36); // allocation length missing: 0
    CHECK(r.good());
    CHECK(r.data.empty());
}

TEST_CASE("an empty CDB is INVALID COMMAND OPERATION CODE") {
    TestDrive t(small_profile());
    CHECK(sense_of(t.run({})) == scsi::sense::invalid_opcode());
}

TEST_CASE("completions are never due before the command arrived") {
    TestDrive t(small_profile());
    t.clock.advance(std::chrono::seconds(5));
    auto r = t.run(as_vector(scsi::cdb::inquiry(36)), 36);
    CHECK(r.completion.busy_until == std::chrono::seconds(5));
}

// Every length an initiator sends (allocation, parameter list and transfer lengths) is bounded
// by what was actually transferred: a CDB that claims more than its data-out holds is refused
// or cut to what arrived, and no answer goes past the data-in buffer the initiator offered.
#include "write/write_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

TEST_CASE("SET STREAMING whose parameter list length claims 28 bytes with 10 sent is 5/1A/00") {
    Writer w("blank dvd+r");
    CHECK(w.run(bytes({0xB6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 28, 0}), 0, std::vector<std::uint8_t>(10, 0)).sense() ==
          "5/1A/00");
}

TEST_CASE("SEND OPC INFORMATION whose parameter list length claims an OPC entry that was not sent is 5/1A/00") {
    Writer w("blank dvd+r");
    CHECK(sense_of(w.run(bytes({0x54, 0, 0, 0, 0, 0, 0, 0, 12, 0}), 0, bytes({0, 0, 0, 0}))) == sense(0x5, 0x1A, 0x00));
}

TEST_CASE("FORMAT UNIT with a data-out shorter than its header and descriptor is 5/1A/00") {
    Writer w("blank bd-re");
    CHECK(sense_of(w.run(bytes({0x04, 0x11, 0, 0, 0, 0}), 0, bytes({0, 0x02, 0, 8, 0, 0}))) == sense(0x5, 0x1A, 0x00));
}

TEST_CASE("MODE SELECT(10) whose parameter list length claims 64 KiB reads only the 8 bytes sent") {
    Writer w("blank dvd+r");
    const auto before = w.run(bytes({0x5A, 0x08, 0x3F, 0, 0, 0, 0, 0xFF, 0xFF, 0}), 65535);
    CHECK(w.run(bytes({0x55, 0x10, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0}), 0, std::vector<std::uint8_t>(8, 0)).good());
    CHECK(w.run(bytes({0x5A, 0x08, 0x3F, 0, 0, 0, 0, 0xFF, 0xFF, 0}), 65535).data == before.data);
}

TEST_CASE("answers stop at the data-in buffer whatever the allocation length says") {
    Writer w("closed dvd+r");
    struct Case {
        std::vector<std::uint8_t> cdb;
        std::size_t buffer;
    };
    const Case cases[] = {
        {bytes({0x12, 0, 0, 0, 0xFF, 0}), 5},                         // INQUIRY
        {bytes({0x46, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0}), 8},          // GET CONFIGURATION
        {bytes({0x5A, 0x08, 0x3F, 0, 0, 0, 0, 0xFF, 0xFF, 0}), 4},    // MODE SENSE(10)
        {bytes({0x51, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0}), 3},          // READ DISC INFORMATION
        {bytes({0x52, 1, 0, 0, 0, 1, 0, 0xFF, 0xFF, 0}), 7},          // READ TRACK INFORMATION
        {bytes({0x43, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0}), 2},          // READ TOC
        {bytes({0x23, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0}), 6},          // READ FORMAT CAPACITIES
        {bytes({0xAC, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0x03, 0}), 9}, // GET PERFORMANCE
        {bytes({0xAD, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0, 0}), 10},   // READ DISC STRUCTURE
        {bytes({0x28, 0, 0, 0, 0, 0, 0, 0, 16, 0}), 2048},            // READ(10) of 16 blocks
        {bytes({0x03, 0, 0, 0, 0xFF, 0}), 1},                         // REQUEST SENSE
    };
    for (const auto& c : cases) {
        CAPTURE(c.cdb[0]);
        const auto r = w.run(c.cdb, c.buffer);
        REQUIRE(r.good());
        CHECK(r.completion.data_in_length == c.buffer);
        CHECK(r.completion.residual == 0);
    }
}

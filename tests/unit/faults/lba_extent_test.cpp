// The blocks a command addresses, as fault rules' `lba:` sees them, read through the CDB views
// of every command that carries an LBA; a CDB too short for its command addresses nothing.
#include "emulator/faults/fault_engine.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace spindle;
using faults::lba_extent;

namespace {
std::pair<std::uint64_t, std::uint64_t> extent(std::vector<std::uint8_t> cdb) {
    const auto e = lba_extent(cdb);
    REQUIRE(e);
    return {e->first, e->count};
}
} // namespace

TEST_CASE("READ, WRITE, VERIFY and SEEK address their LBA and length") {
    using E = std::pair<std::uint64_t, std::uint64_t>;
    CHECK(extent({0x28, 0, 0, 1, 2, 3, 0, 0, 16, 0}) == E{0x10203, 16});      // READ(10)
    CHECK(extent({0x2A, 0, 0, 0, 0, 32, 0, 1, 0, 0}) == E{32, 256});          // WRITE(10)
    CHECK(extent({0x2E, 0, 0, 0, 0, 32, 0, 0, 2, 0}) == E{32, 2});            // WRITE AND VERIFY(10)
    CHECK(extent({0x2F, 0, 0, 0, 0, 7, 0, 0, 3, 0}) == E{7, 3});              // VERIFY(10)
    CHECK(extent({0x2B, 0, 0, 0, 0, 9, 0, 0, 0, 0}) == E{9, 1});              // SEEK(10)
    CHECK(extent({0xA8, 0, 0, 0, 1, 0, 0, 0, 0, 4, 0, 0}) == E{256, 4});      // READ(12)
    CHECK(extent({0xAA, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0}) == E{256, 65536});  // WRITE(12)
    CHECK(extent({0xBE, 0, 0, 0, 0, 150, 0, 0, 5, 0x10, 0, 0}) == E{150, 5}); // READ CD
    CHECK(extent({0xB9, 0, 0, 0, 2, 0, 0, 2, 10, 0, 0, 0}) == E{0, 10});      // READ CD MSF 00:02:00-00:02:10
    CHECK(extent({0x88, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 8, 0, 0}) == E{1ull << 32, 8}); // READ(16)
}

TEST_CASE("commands without an LBA, and CDBs too short for theirs, address no blocks") {
    CHECK_FALSE(lba_extent(std::vector<std::uint8_t>{0x12, 0, 0, 0, 36, 0}));
    CHECK_FALSE(lba_extent(std::vector<std::uint8_t>{0x28, 0, 0, 0, 0, 1}));
    CHECK_FALSE(lba_extent(std::vector<std::uint8_t>{}));
    CHECK_FALSE(lba_extent(std::vector<std::uint8_t>{0xB9, 0, 0, 0, 2, 10, 0, 2, 0, 0, 0, 0})); // end before start
}

// READ BUFFER CAPACITY: raw CDB in, exact bytes out.
#include "perf_fixture.hpp"

namespace spindle::test {
namespace {

std::vector<std::uint8_t> read_buffer_capacity(bool block, std::uint16_t allocation_length) {
    auto cdb = bytes({0x5C, block ? 1 : 0, 0, 0, 0, 0, 0, 0, 0, 0});
    scsi::put_be16(cdb, 7, allocation_length);
    return cdb;
}

} // namespace

TEST_CASE("READ BUFFER CAPACITY in bytes: the profile's 2048 KiB buffer, all of it free while nothing is written") {
    PerfDrive t;
    t.with_disc(MediaKind::DvdPlusR);
    const auto r = t.run(read_buffer_capacity(false, 12), 12);
    REQUIRE(r.sense() == "GOOD");
    CHECK(r.data == bytes({0x00, 0x0A, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00}));
}

TEST_CASE("READ BUFFER CAPACITY in blocks: Block echoed, available buffer in 2048-byte blocks") {
    PerfDrive t;
    t.with_disc(MediaKind::DvdPlusR);
    const auto r = t.run(read_buffer_capacity(true, 12), 12);
    REQUIRE(r.sense() == "GOOD");
    CHECK(r.data == bytes({0x00, 0x0A, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00}));
}

TEST_CASE("READ BUFFER CAPACITY is cut to the allocation length") {
    PerfDrive t;
    const auto r = t.run(read_buffer_capacity(false, 4), 12);
    REQUIRE(r.sense() == "GOOD");
    CHECK(r.data == bytes({0x00, 0x0A, 0x00, 0x00}));
    CHECK(r.completion.residual == 8);
}

TEST_CASE("READ BUFFER CAPACITY answers with no medium in the drive") {
    PerfDrive t;
    const auto r = t.run(read_buffer_capacity(false, 12), 12);
    REQUIRE(r.sense() == "GOOD");
    CHECK(r.data.size() == 12);
}

TEST_CASE("BufferModel fills up to its capacity and drains over time, the seam READ BUFFER CAPACITY reads") {
    using namespace std::chrono_literals;
    timing::BufferModel b(2 * 1024 * 1024);
    b.set_rate(0s, 1024 * 1000); // 1024 bytes per ms
    CHECK(b.fill(0s, 300 * 1024) == 0s);
    CHECK(b.available_bytes(0s) == 2 * 1024 * 1024 - 300 * 1024);
    CHECK(b.fill(0s, 4 * 1024 * 1024) > 0s); // more than fits: accepted as the disc takes it
    CHECK(b.available_bytes(b.empty_at() - 2048ms) == 0);
    CHECK(b.used_bytes(b.empty_at() - 1ms) == 1024);
}

} // namespace spindle::test

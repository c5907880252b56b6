// SET CD SPEED and SET STREAMING: raw CDB and parameter list in, exact sense and the speeds
// the drive then runs at out.
#include "emulator/drive/speeds.hpp"
#include "perf_fixture.hpp"

namespace spindle::test {
namespace {

std::vector<std::uint8_t> set_cd_speed(std::uint16_t read, std::uint16_t write, std::uint8_t rotation = 0) {
    auto cdb = bytes({0xBB, rotation, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    scsi::put_be16(cdb, 2, read);
    scsi::put_be16(cdb, 4, write);
    return cdb;
}

std::vector<std::uint8_t> set_streaming(std::uint16_t parameter_list_length, std::uint8_t type = 0x00) {
    auto cdb = bytes({0xB6, 0, 0, 0, 0, 0, 0, 0, type, 0, 0, 0});
    scsi::put_be16(cdb, 9, parameter_list_length);
    return cdb;
}

// SET STREAMING performance descriptor: flags, reserved, Start LBA 0, End LBA, sizes and times.
std::vector<std::uint8_t> performance_descriptor(std::uint8_t flags, std::uint32_t read_kb, std::uint32_t read_ms,
                                                 std::uint32_t write_kb, std::uint32_t write_ms) {
    auto d = bytes({flags, 0, 0, 0});
    append_be32(d, 0);
    append_be32(d, 2'295'103);
    append_be32(d, read_kb);
    append_be32(d, read_ms);
    append_be32(d, write_kb);
    append_be32(d, write_ms);
    return d;
}

// The write speed GET PERFORMANCE type 00h reports (bytes 12-15 of the answer).
std::uint32_t reported_write_speed(PerfDrive& t) {
    const auto r = t.run(as_vector(scsi::cdb::get_performance(0x00, 1, 0x14)), 24);
    REQUIRE(r.sense() == "GOOD");
    REQUIRE(r.data.size() == 24);
    return scsi::get_be32(r.data, 12);
}

} // namespace

TEST_CASE("SET CD SPEED selects the fastest supported speed not above the request and GET PERFORMANCE reports it") {
    PerfDrive t;
    t.with_disc(MediaKind::DvdPlusR);
    REQUIRE(t.run(set_cd_speed(0xFFFF, 15000)).sense() == "GOOD");
    CHECK(t.drive.state().speeds.write_kbps == 11080);
    CHECK(t.drive.state().speeds.read_kbps == 0); // FFFFh: as fast as the medium allows
    CHECK(effective_speeds(t.drive.state()).read_kbps == 16620);
    CHECK(reported_write_speed(t) == 11080);
}

TEST_CASE("SET CD SPEED below every supported speed selects the slowest; 0 too") {
    PerfDrive t;
    t.with_disc(MediaKind::DvdPlusR);
    REQUIRE(t.run(set_cd_speed(0, 1000)).sense() == "GOOD");
    CHECK(t.drive.state().speeds.read_kbps == 8310);
    CHECK(t.drive.state().speeds.write_kbps == 5540);
}

TEST_CASE("SET CD SPEED accepts cdrecord's 176 kB/s multiples: 16 x 176 selects the drive's 16x (2822)") {
    PerfDrive t;
    t.with_disc(MediaKind::CdR);
    REQUIRE(t.run(set_cd_speed(0xFFFF, 16 * 176)).sense() == "GOOD");
    CHECK(t.drive.state().speeds.write_kbps == 2822);
}

TEST_CASE("SET CD SPEED FFFFh after a slower choice restores the fastest speed") {
    PerfDrive t;
    t.with_disc(MediaKind::DvdPlusR);
    REQUIRE(t.run(set_cd_speed(0xFFFF, 5540)).sense() == "GOOD");
    CHECK(reported_write_speed(t) == 5540);
    REQUIRE(t.run(set_cd_speed(0xFFFF, 0xFFFF)).sense() == "GOOD");
    CHECK(t.drive.state().speeds.write_kbps == 0);
    CHECK(reported_write_speed(t) == 22160);
}

TEST_CASE("SET CD SPEED with the reserved Rotational Control 10b is 5/24/00 naming byte 1 bit 1") {
    PerfDrive t;
    t.with_disc(MediaKind::DvdPlusR);
    const auto r = t.run(set_cd_speed(0xFFFF, 5540, 0x02));
    CHECK(sense_of(r) == scsi::sense::invalid_field_in_cdb(1, 1));
    CHECK(sks(r) == bytes({0xC9, 0x00, 0x01}));
    CHECK(t.drive.state().speeds.write_kbps == 0);
}

TEST_CASE("SET CD SPEED with pure CAV is accepted") {
    PerfDrive t;
    t.with_disc(MediaKind::DvdPlusR);
    CHECK(t.run(set_cd_speed(0xFFFF, 11080, 0x01)).sense() == "GOOD");
    CHECK(t.drive.state().speeds.write_kbps == 11080);
}

TEST_CASE("SET CD SPEED with no medium keeps the request and applies it to the next disc") {
    PerfDrive t;
    REQUIRE(t.run(set_cd_speed(0xFFFF, 12000)).sense() == "GOOD");
    CHECK(t.drive.state().speeds.write_kbps == 12000);
    t.with_disc(MediaKind::DvdPlusR);
    CHECK(effective_speeds(t.drive.state()).write_kbps == 11080);
    CHECK(reported_write_speed(t) == 11080);
}

TEST_CASE("SET STREAMING selects speeds from Size / Time: 11080 kB per 1000 ms writes at 8x") {
    PerfDrive t;
    t.with_disc(MediaKind::DvdPlusR);
    const auto r = t.run(set_streaming(28), 0, performance_descriptor(0x00, 8310, 1000, 11080, 1000));
    REQUIRE(r.sense() == "GOOD");
    CHECK(t.drive.state().speeds.read_kbps == 8310);
    CHECK(t.drive.state().speeds.write_kbps == 11080);
    CHECK(reported_write_speed(t) == 11080);
}

TEST_CASE("SET STREAMING with Size 0 in a direction leaves that direction's speed alone") {
    PerfDrive t;
    t.with_disc(MediaKind::DvdPlusR);
    REQUIRE(t.run(set_cd_speed(8310, 0xFFFF)).sense() == "GOOD");
    REQUIRE(t.run(set_streaming(28), 0, performance_descriptor(0x00, 0, 0, 5540, 1000)).sense() == "GOOD");
    CHECK(t.drive.state().speeds.read_kbps == 8310);
    CHECK(t.drive.state().speeds.write_kbps == 5540);
}

TEST_CASE("SET STREAMING with Exact and a speed the medium has is accepted") {
    PerfDrive t;
    t.with_disc(MediaKind::DvdPlusR);
    // 33240 kB in 2000 ms = 16620 kB/s, a listed DVD+R write speed.
    CHECK(t.run(set_streaming(28), 0, performance_descriptor(0x02, 0, 0, 33240, 2000)).sense() == "GOOD");
    CHECK(t.drive.state().speeds.write_kbps == 16620);
}

TEST_CASE("SET STREAMING with Exact and an unsupported speed is 5/26/00 naming the Write Size field") {
    PerfDrive t;
    t.with_disc(MediaKind::DvdPlusR);
    const auto r = t.run(set_streaming(28), 0, performance_descriptor(0x02, 0, 0, 15000, 1000));
    CHECK(sense_of(r) == scsi::sense::invalid_field_in_parameter_list(20));
    CHECK(sks(r) == bytes({0x80, 0x00, 0x14}));
    CHECK(t.drive.state().speeds.write_kbps == 0);
}

TEST_CASE("SET STREAMING with a Parameter List Length below 28 is 5/1A/00") {
    PerfDrive t;
    t.with_disc(MediaKind::DvdPlusR);
    auto d = performance_descriptor(0x00, 8310, 1000, 11080, 1000);
    d.resize(20);
    CHECK(sense_of(t.run(set_streaming(20), 0, d)) == sense(0x5, 0x1A, 0x00));
    CHECK(t.drive.state().speeds.write_kbps == 0);
}

TEST_CASE("SET STREAMING with Parameter List Length 0 transfers nothing and is no error") {
    PerfDrive t;
    t.with_disc(MediaKind::DvdPlusR);
    CHECK(t.run(set_streaming(0)).sense() == "GOOD");
}

TEST_CASE("SET STREAMING with Write Time 0 is 5/26/00 naming parameter byte 24, and nothing changes") {
    PerfDrive t;
    t.with_disc(MediaKind::DvdPlusR);
    const auto r = t.run(set_streaming(28), 0, performance_descriptor(0x00, 8310, 1000, 11080, 0));
    CHECK(sense_of(r) == scsi::sense::invalid_field_in_parameter_list(24));
    CHECK(sks(r) == bytes({0x80, 0x00, 0x18}));
    CHECK(t.drive.state().speeds.read_kbps == 0);
}

TEST_CASE("SET STREAMING with Read Time 0 is 5/26/00 naming parameter byte 16") {
    PerfDrive t;
    t.with_disc(MediaKind::DvdPlusR);
    const auto r = t.run(set_streaming(28), 0, performance_descriptor(0x00, 8310, 0, 11080, 1000));
    CHECK(sense_of(r) == scsi::sense::invalid_field_in_parameter_list(16));
    CHECK(sks(r) == bytes({0x80, 0x00, 0x10}));
}

TEST_CASE("SET STREAMING with the reserved WRC 10b is 5/26/00 naming parameter byte 0 bit 4") {
    PerfDrive t;
    t.with_disc(MediaKind::DvdPlusR);
    const auto r = t.run(set_streaming(28), 0, performance_descriptor(0x10, 8310, 1000, 11080, 1000));
    CHECK(sense_of(r) == scsi::sense::invalid_field_in_parameter_list(0, 4));
    CHECK(sks(r) == bytes({0x8C, 0x00, 0x00}));
}

TEST_CASE("SET STREAMING with RDD restores the fastest speeds whatever the other fields say") {
    PerfDrive t;
    t.with_disc(MediaKind::DvdPlusR);
    REQUIRE(t.run(set_cd_speed(8310, 5540)).sense() == "GOOD");
    REQUIRE(t.run(set_streaming(28), 0, performance_descriptor(0x04, 0, 0, 0, 0)).sense() == "GOOD");
    CHECK(t.drive.state().speeds.read_kbps == 0);
    CHECK(t.drive.state().speeds.write_kbps == 0);
    CHECK(reported_write_speed(t) == 22160);
}

TEST_CASE("SET STREAMING types other than 00h (05h DBI cache zone included) are 5/24/00 naming byte 8") {
    PerfDrive t;
    t.with_disc(MediaKind::DvdPlusR);
    for (int type : {0x05, 0x01, 0xFF}) {
        CAPTURE(type);
        const auto r = t.run(set_streaming(28, static_cast<std::uint8_t>(type)), 0,
                             performance_descriptor(0x00, 8310, 1000, 11080, 1000));
        CHECK(sense_of(r) == scsi::sense::invalid_field_in_cdb(8));
        CHECK(sks(r) == bytes({0xC0, 0x00, 0x08}));
    }
}

} // namespace spindle::test

// GET PERFORMANCE: raw CDB in, exact bytes or sense out.
#include "perf_fixture.hpp"

namespace spindle::test {
namespace {

// AC, Data Type, Starting LBA 0, reserved, Max Number of Descriptors, Type, control.
std::vector<std::uint8_t> get_performance(std::uint8_t data_type, std::uint16_t max_descriptors, std::uint8_t type) {
    auto cdb = bytes({0xAC, data_type, 0, 0, 0, 0, 0, 0, 0, 0, type, 0});
    scsi::put_be16(cdb, 8, max_descriptors);
    return cdb;
}

constexpr std::uint32_t dvd_plus_r_last_lba = 2'295'104 - 1; // 0023053Fh

std::vector<std::uint8_t> write_speed_descriptor(std::uint8_t flags, std::uint32_t end_lba, std::uint32_t read,
                                                 std::uint32_t write) {
    auto d = bytes({flags, 0, 0, 0});
    append_be32(d, end_lba);
    append_be32(d, read);
    append_be32(d, write);
    return d;
}

std::vector<std::uint8_t> header(std::uint32_t data_length, std::uint8_t flags) {
    std::vector<std::uint8_t> h;
    append_be32(h, data_length);
    h.insert(h.end(), {flags, 0, 0, 0});
    return h;
}

} // namespace

TEST_CASE("GET PERFORMANCE type 03h on DVD+R lists the profile's write speeds, fastest first, exactly") {
    PerfDrive t;
    t.with_disc(MediaKind::DvdPlusR);
    const auto r = t.run(get_performance(0x00, 16, 0x03), 8 + 16 * 16);
    REQUIRE(r.sense() == "GOOD");
    auto expected = header(4 + 4 * 16, 0x00);
    for (std::uint32_t w : {22160u, 16620u, 11080u, 5540u}) {
        // Exact=1, MRW=0 (DVD+R is not random access), read at the fastest DVD+R read speed.
        const auto d = write_speed_descriptor(0x02, dvd_plus_r_last_lba, 16620, w);
        expected.insert(expected.end(), d.begin(), d.end());
    }
    CHECK(r.data == expected);
    CHECK(r.data[3] == 0x44);
    CHECK(r.completion.residual == 16 * 16 - 4 * 16);
}

TEST_CASE("GET PERFORMANCE type 03h with Max Number of Descriptors 1 sends one but reports the full length") {
    PerfDrive t;
    t.with_disc(MediaKind::DvdPlusR);
    const auto r = t.run(get_performance(0x00, 1, 0x03), 8 + 16 * 4);
    REQUIRE(r.sense() == "GOOD");
    auto expected = header(4 + 4 * 16, 0x00); // growisofs reads this to size its second request
    const auto d = write_speed_descriptor(0x02, dvd_plus_r_last_lba, 16620, 22160);
    expected.insert(expected.end(), d.begin(), d.end());
    CHECK(r.data == expected);
}

TEST_CASE("GET PERFORMANCE type 03h with Max Number of Descriptors 0 sends the header only") {
    PerfDrive t;
    t.with_disc(MediaKind::DvdPlusR);
    const auto r = t.run(get_performance(0x00, 0, 0x03), 64);
    REQUIRE(r.sense() == "GOOD");
    CHECK(r.data == header(4 + 4 * 16, 0x00));
}

TEST_CASE("GET PERFORMANCE type 03h on DVD+RW sets MRW, as random-access media allow mixed read and write") {
    PerfDrive t;
    t.with_disc(MediaKind::DvdPlusRw);
    const auto r = t.run(get_performance(0x00, 8, 0x03), 8 + 8 * 16);
    REQUIRE(r.sense() == "GOOD");
    auto expected = header(4 + 2 * 16, 0x00);
    for (std::uint32_t w : {11080u, 5540u}) {
        const auto d = write_speed_descriptor(0x03, dvd_plus_r_last_lba, 16620, w);
        expected.insert(expected.end(), d.begin(), d.end());
    }
    CHECK(r.data == expected);
}

TEST_CASE("GET PERFORMANCE type 03h with no medium returns an empty descriptor list") {
    PerfDrive t;
    const auto r = t.run(get_performance(0x00, 8, 0x03), 64);
    REQUIRE(r.sense() == "GOOD");
    CHECK(r.data == header(4, 0x00));
}

TEST_CASE("GET PERFORMANCE type 03h on DVD-ROM, which the drive cannot write, returns an empty list") {
    PerfDrive t;
    t.with_disc(MediaKind::DvdRom);
    const auto r = t.run(get_performance(0x00, 8, 0x03), 64);
    REQUIRE(r.sense() == "GOOD");
    CHECK(r.data == header(4, 0x00));
}

TEST_CASE("GET PERFORMANCE type 00h read: one nominal descriptor from LBA 0 to the last LBA at the read speed") {
    PerfDrive t;
    t.with_disc(MediaKind::DvdPlusR);
    const auto r = t.run(get_performance(0x10, 1, 0x00), 24); // Tolerance 10b, Write 0, Except 00b
    REQUIRE(r.sense() == "GOOD");
    auto expected = header(4 + 16, 0x00);
    append_be32(expected, 0);
    append_be32(expected, 16620);
    append_be32(expected, dvd_plus_r_last_lba);
    append_be32(expected, 16620);
    CHECK(r.data == expected);
}

TEST_CASE("GET PERFORMANCE type 00h write as growisofs sends it (Data Type 04h) echoes Write and gives the write "
          "speed") {
    PerfDrive t;
    t.with_disc(MediaKind::DvdPlusR);
    const auto r = t.run(get_performance(0x04, 1, 0x00), 24);
    REQUIRE(r.sense() == "GOOD");
    auto expected = header(4 + 16, 0x02);
    append_be32(expected, 0);
    append_be32(expected, 22160);
    append_be32(expected, dvd_plus_r_last_lba);
    append_be32(expected, 22160);
    CHECK(r.data == expected);
}

TEST_CASE("GET PERFORMANCE type 00h with Except 01b or 10b returns the header only, Except set") {
    PerfDrive t;
    t.with_disc(MediaKind::DvdPlusR);
    CHECK(t.run(get_performance(0x11, 4, 0x00), 64).data == header(4, 0x01));
    CHECK(t.run(get_performance(0x16, 4, 0x00), 64).data == header(4, 0x03));
}

TEST_CASE("GET PERFORMANCE type 00h with the reserved Except 11b is 5/24/00 naming byte 1 bit 1") {
    PerfDrive t;
    t.with_disc(MediaKind::DvdPlusR);
    const auto r = t.run(get_performance(0x13, 1, 0x00), 24);
    CHECK(sense_of(r) == scsi::sense::invalid_field_in_cdb(1, 1));
    CHECK(sks(r) == bytes({0xC9, 0x00, 0x01}));
    CHECK(r.data.empty());
}

TEST_CASE("GET PERFORMANCE type 00h write on DVD-ROM has no descriptor") {
    PerfDrive t;
    t.with_disc(MediaKind::DvdRom);
    const auto r = t.run(get_performance(0x14, 1, 0x00), 24);
    REQUIRE(r.sense() == "GOOD");
    CHECK(r.data == header(4, 0x02));
}

TEST_CASE("GET PERFORMANCE type 00h with no medium is NOT READY, medium not present") {
    PerfDrive t;
    const auto closed = t.run(get_performance(0x10, 1, 0x00), 24);
    CHECK(sense_of(closed) == sense(0x2, 0x3A, 0x01));
    t.drive.open_tray();
    CHECK(sense_of(t.run(get_performance(0x10, 1, 0x00), 24)) == sense(0x2, 0x3A, 0x02));
}

TEST_CASE("GET PERFORMANCE type 00h while the disc becomes ready is 2/04/01") {
    PerfDrive t;
    auto m = std::make_unique<Medium>();
    m->disc.kind = MediaKind::DvdPlusR;
    m->disc.capacity_blocks = 2'295'104;
    t.drive.load(std::move(m));
    CHECK(sense_of(t.run(get_performance(0x10, 1, 0x00), 24)) == sense(0x2, 0x04, 0x01));
}

TEST_CASE("GET PERFORMANCE types other than 00h and 03h are 5/24/00 naming byte 10") {
    PerfDrive t;
    t.with_disc(MediaKind::DvdPlusR);
    for (int type : {0x01, 0x02, 0x04, 0x05, 0x06, 0x10, 0xFF}) {
        CAPTURE(type);
        const auto r = t.run(get_performance(0x00, 1, static_cast<std::uint8_t>(type)), 24);
        CHECK(sense_of(r) == scsi::sense::invalid_field_in_cdb(10));
        CHECK(sks(r) == bytes({0xC0, 0x00, 0x0A}));
    }
}

TEST_CASE("GET PERFORMANCE answer is cut to the initiator's buffer") {
    PerfDrive t;
    t.with_disc(MediaKind::DvdPlusR);
    const auto r = t.run(get_performance(0x00, 4, 0x03), 12);
    REQUIRE(r.sense() == "GOOD");
    auto expected = header(4 + 4 * 16, 0x00);
    expected.insert(expected.end(), {0x02, 0, 0, 0});
    CHECK(r.data == expected);
    CHECK(r.completion.residual == 0);
}

} // namespace spindle::test

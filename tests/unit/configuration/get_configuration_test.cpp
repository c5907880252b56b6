// GET CONFIGURATION (MMC-6 6.6): raw CDBs in, exact feature data or sense out.
#include "support/writer_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

namespace {

std::vector<std::uint8_t> get_configuration(std::uint8_t rt, std::uint16_t start, std::uint16_t allocation = 0xFFFF) {
    return as_vector(scsi::cdb::get_configuration(rt, start, allocation));
}

std::vector<std::uint8_t> concat(std::initializer_list<std::vector<std::uint8_t>> parts) {
    std::vector<std::uint8_t> out;
    for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
    return out;
}

// The profile list and feature descriptors of writer_profile(), with the Current bits of a
// drive without a medium.
const auto profile_list_empty = bytes({0x00, 0x00, 0x03, 0x10, 0x00, 0x43, 0x00, 0x00, 0x00, 0x1B,
                                       0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x09, 0x00, 0x00});
const auto core = bytes({0x00, 0x01, 0x0B, 0x08, 0x00, 0x00, 0x00, 0x02, 0x01, 0x00, 0x00, 0x00});
const auto removable = bytes({0x00, 0x03, 0x0B, 0x04, 0x29, 0x00, 0x00, 0x00});
const auto dvd_read = bytes({0x00, 0x1F, 0x08, 0x04, 0x01, 0x00, 0x00, 0x00});
const auto dvd_plus_r = bytes({0x00, 0x2B, 0x04, 0x04, 0x01, 0x00, 0x00, 0x00});
const auto streaming = bytes({0x01, 0x07, 0x11, 0x04, 0x1F, 0x00, 0x00, 0x00});
const auto vendor = bytes({0xFF, 0x00, 0x00, 0x04, 0xAA, 0xBB, 0xCC, 0xDD});

} // namespace

TEST_CASE("GET CONFIGURATION RT 00b without a medium lists every feature; only drive features are current") {
    TestDrive t(writer_profile());
    auto r = t.run(get_configuration(0, 0), 0xFFFF);
    REQUIRE(r.good());
    CHECK(r.data == concat({bytes({0x00, 0x00, 0x00, 0x4C, 0x00, 0x00, 0x00, 0x00}), profile_list_empty, core,
                            removable, dvd_read, dvd_plus_r, streaming, vendor}));
}

TEST_CASE("GET CONFIGURATION with DVD+R loaded reports profile 001Bh, CurrentP on it, DVD Read and DVD+R current") {
    TestDrive t(writer_profile());
    load_ready(t, disc(MediaKind::DvdPlusR));
    auto r = t.run(get_configuration(0, 0), 0xFFFF);
    REQUIRE(r.good());
    CHECK(r.data == concat({bytes({0x00, 0x00, 0x00, 0x4C, 0x00, 0x00, 0x00, 0x1B}),
                            bytes({0x00, 0x00, 0x03, 0x10, 0x00, 0x43, 0x00, 0x00, 0x00, 0x1B,
                                   0x01, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x09, 0x00, 0x00}),
                            core, removable, bytes({0x00, 0x1F, 0x09, 0x04, 0x01, 0x00, 0x00, 0x00}),
                            bytes({0x00, 0x2B, 0x05, 0x04, 0x01, 0x00, 0x00, 0x00}), streaming,
                            bytes({0xFF, 0x00, 0x01, 0x04, 0xAA, 0xBB, 0xCC, 0xDD})}));
}

TEST_CASE("GET CONFIGURATION RT 01b returns only the current features") {
    TestDrive t(writer_profile());
    auto r = t.run(get_configuration(1, 0), 0xFFFF);
    REQUIRE(r.good());
    CHECK(r.data == concat({bytes({0x00, 0x00, 0x00, 0x34, 0x00, 0x00, 0x00, 0x00}), profile_list_empty, core,
                            removable, streaming}));
}

TEST_CASE("GET CONFIGURATION RT 00b from a starting feature skips the lower codes and the profile list") {
    TestDrive t(writer_profile());
    auto r = t.run(get_configuration(0, 0x001F), 0xFFFF);
    REQUIRE(r.good());
    CHECK(r.data ==
          concat({bytes({0x00, 0x00, 0x00, 0x24, 0x00, 0x00, 0x00, 0x00}), dvd_read, dvd_plus_r, streaming, vendor}));
}

TEST_CASE("GET CONFIGURATION RT 01b from a starting feature returns current features at or above it") {
    TestDrive t(writer_profile());
    load_ready(t, disc(MediaKind::DvdPlusR));
    auto r = t.run(get_configuration(1, 0x0020), 0xFFFF);
    REQUIRE(r.good());
    CHECK(r.data == concat({bytes({0x00, 0x00, 0x00, 0x1C, 0x00, 0x00, 0x00, 0x1B}),
                            bytes({0x00, 0x2B, 0x05, 0x04, 0x01, 0x00, 0x00, 0x00}), streaming,
                            bytes({0xFF, 0x00, 0x01, 0x04, 0xAA, 0xBB, 0xCC, 0xDD})}));
}

TEST_CASE("GET CONFIGURATION RT 10b returns exactly the feature named, current or not") {
    TestDrive t(writer_profile());
    auto r = t.run(get_configuration(2, 0x002B), 0xFFFF);
    REQUIRE(r.good());
    CHECK(r.data == concat({bytes({0x00, 0x00, 0x00, 0x0C, 0x00, 0x00, 0x00, 0x00}), dvd_plus_r}));
}

TEST_CASE("GET CONFIGURATION RT 10b for feature 0000h returns the profile list alone") {
    TestDrive t(writer_profile());
    auto r = t.run(get_configuration(2, 0x0000), 0xFFFF);
    REQUIRE(r.good());
    CHECK(r.data == concat({bytes({0x00, 0x00, 0x00, 0x18, 0x00, 0x00, 0x00, 0x00}), profile_list_empty}));
}

TEST_CASE("GET CONFIGURATION RT 10b for a feature the drive lacks returns the header only") {
    TestDrive t(writer_profile());
    auto r = t.run(get_configuration(2, 0x0020), 0xFFFF);
    REQUIRE(r.good());
    CHECK(r.data == bytes({0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00}));
}

TEST_CASE("GET CONFIGURATION RT 11b is INVALID FIELD IN CDB naming byte 1 bit 1") {
    TestDrive t(writer_profile());
    auto r = t.run(get_configuration(3, 0), 0xFFFF);
    CHECK(sense_of(r) == scsi::sense::invalid_field_in_cdb(1, 1));
    CHECK(sense_key_specific(r) == sks(0xC9, 0x00, 0x01));
    CHECK(r.data.empty());
}

TEST_CASE("GET CONFIGURATION is cut to its allocation length while the data length stays the full length") {
    TestDrive t(writer_profile());
    auto r = t.run(get_configuration(0, 0, 12), 0xFFFF);
    REQUIRE(r.good());
    CHECK(r.data == bytes({0x00, 0x00, 0x00, 0x4C, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x10}));
    CHECK(r.completion.residual == 0xFFFF - 12);
}

TEST_CASE("GET CONFIGURATION with allocation length 0 transfers nothing and succeeds") {
    TestDrive t(writer_profile());
    auto r = t.run(get_configuration(0, 0, 0), 64);
    REQUIRE(r.good());
    CHECK(r.data.empty());
}

TEST_CASE("GET CONFIGURATION on an upside-down disc reports no current profile") {
    TestDrive t(writer_profile());
    t.settled();
    t.drive.load(disc(MediaKind::DvdPlusR));
    t.drive.set_condition(MediumCondition::UpsideDown);
    auto r = t.run(get_configuration(2, 0x001F), 0xFFFF);
    REQUIRE(r.good());
    CHECK(r.data == concat({bytes({0x00, 0x00, 0x00, 0x0C, 0x00, 0x00, 0x00, 0x00}), dvd_read}));
}

TEST_CASE("GET CONFIGURATION while the disc is still becoming ready already reports its profile") {
    TestDrive t(writer_profile());
    t.settled();
    t.drive.load(disc(MediaKind::DvdPlusR));
    auto r = t.run(get_configuration(2, 0x002B), 0xFFFF);
    REQUIRE(r.good());
    CHECK(r.data == concat({bytes({0x00, 0x00, 0x00, 0x0C, 0x00, 0x00, 0x00, 0x1B}),
                            bytes({0x00, 0x2B, 0x05, 0x04, 0x01, 0x00, 0x00, 0x00})}));
}

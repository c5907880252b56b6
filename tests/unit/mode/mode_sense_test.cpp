// MODE SENSE(6)/(10): raw CDBs in, exact bytes or exact sense out.
#include "mode_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

namespace {
using Sks = std::array<std::uint8_t, 3>;
}

TEST_CASE("MODE SENSE(10) current values: 8-byte header, no block descriptor, the page with PS set") {
    TestDrive t(mode_profile());
    t.settled();
    auto r = t.run(mode_sense10(0x08), 255);
    REQUIRE(r.good());
    CHECK(r.data == concat({bytes({0x00, 0x12, 0, 0, 0, 0, 0x00, 0x00}), page_08_current()}));
    CHECK(r.completion.residual == 255 - 20);
}

TEST_CASE("MODE SENSE(10) changeable values return the profile's mask") {
    TestDrive t(mode_profile());
    t.settled();
    auto r = t.run(mode_sense10(0x01, 1), 255);
    REQUIRE(r.good());
    CHECK(r.data ==
          concat({bytes({0x00, 0x12, 0, 0, 0, 0, 0, 0}), bytes({0x81, 0x0A, 0xC4, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0})}));
}

TEST_CASE("MODE SENSE(10) default values return the profile's defaults, not the current values") {
    TestDrive t(mode_profile());
    t.settled();
    auto r = t.run(mode_sense10(0x01, 2), 255);
    REQUIRE(r.good());
    CHECK(pages_of(r) == bytes({0x81, 0x0A, 0x80, 0x10, 0, 0, 0, 0, 0x10, 0, 0, 0}));
}

TEST_CASE("MODE SENSE(10) saved values are the profile's current values until a page is saved") {
    TestDrive t(mode_profile());
    t.settled();
    auto r = t.run(mode_sense10(0x01, 3), 255);
    REQUIRE(r.good());
    CHECK(pages_of(r) == page_01_current());
}

TEST_CASE("MODE SENSE(10) page 3Fh returns every page in ascending order; 2Ah, not changeable, has PS clear") {
    TestDrive t(mode_profile());
    t.settled();
    auto r = t.run(mode_sense10(0x3F), 255);
    REQUIRE(r.good());
    CHECK(r.data ==
          concat({bytes({0x00, 0x3E, 0, 0, 0, 0, 0, 0}), page_01_current(), page_08_current(), page_2a_current()}));
}

TEST_CASE("MODE SENSE(10) page 3Fh changeable values return every page's mask") {
    TestDrive t(mode_profile());
    t.settled();
    auto r = t.run(mode_sense10(0x3F, 1), 255);
    REQUIRE(r.good());
    std::vector<std::uint8_t> page_2a_mask(32, 0);
    page_2a_mask[0] = 0x2A;
    page_2a_mask[1] = 0x1E;
    CHECK(pages_of(r) == concat({bytes({0x81, 0x0A, 0xC4, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0}),
                                 bytes({0x88, 0x0A, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0}), page_2a_mask}));
}

TEST_CASE("MODE SENSE(6) has a 4-byte header whose one-byte mode data length excludes itself") {
    TestDrive t(mode_profile());
    t.settled();
    auto r = t.run(as_vector(scsi::cdb::mode_sense6(0x08, scsi::cdb::PageControl::Current, 255, false)), 255);
    REQUIRE(r.good());
    CHECK(r.data == concat({bytes({0x0F, 0x00, 0x00, 0x00}), page_08_current()}));
}

TEST_CASE("MODE SENSE(6) page 3Fh with DBD set returns all pages behind the 4-byte header") {
    TestDrive t(mode_profile());
    t.settled();
    auto r =
        t.run(as_vector(scsi::cdb::mode_sense6(scsi::cdb::all_mode_pages, scsi::cdb::PageControl::Current, 255)), 255);
    REQUIRE(r.good());
    CHECK(r.data == concat({bytes({0x3B, 0, 0, 0}), page_01_current(), page_08_current(), page_2a_current()}));
}

TEST_CASE("MODE SENSE(10) is cut to its allocation length while the header counts the whole answer") {
    TestDrive t(mode_profile());
    t.settled();
    auto r = t.run(as_vector(scsi::cdb::mode_sense10(0x08, scsi::cdb::PageControl::Current, 10, false)), 64);
    REQUIRE(r.good());
    CHECK(r.data == bytes({0x00, 0x12, 0, 0, 0, 0, 0, 0, 0x88, 0x0A}));
    CHECK(r.completion.residual == 54);
}

TEST_CASE("MODE SENSE(6) with allocation length 0 returns no data and GOOD") {
    TestDrive t(mode_profile());
    t.settled();
    auto r = t.run(as_vector(scsi::cdb::mode_sense6(0x08, scsi::cdb::PageControl::Current, 0, false)), 32);
    REQUIRE(r.good());
    CHECK(r.data.empty());
    CHECK(r.completion.residual == 32);
}

TEST_CASE("MODE SENSE(10) of an unsupported page is 5/24/00 naming CDB byte 2, bit 5") {
    TestDrive t(mode_profile());
    t.settled();
    auto r = t.run(mode_sense10(0x1A), 255);
    CHECK(sense_of(r) == scsi::sense::invalid_field_in_cdb(2, 5));
    CHECK(sks(r) == Sks{0xCD, 0x00, 0x02}); // SKSV, C/D, BPV, bit 5; byte 2
    CHECK(r.data.empty());
}

TEST_CASE("MODE SENSE(6) of an unsupported page is 5/24/00 naming CDB byte 2, bit 5") {
    TestDrive t(mode_profile());
    t.settled();
    auto r = t.run({0x1A, 0, 0x05, 0, 0xFF, 0}, 255);
    CHECK(sense_of(r) == scsi::sense::invalid_field_in_cdb(2, 5));
    CHECK(sks(r) == Sks{0xCD, 0x00, 0x02});
}

TEST_CASE("MODE SENSE(10) with subpage 01h is 5/24/00 naming CDB byte 3") {
    TestDrive t(mode_profile());
    t.settled();
    auto r = t.run(mode_sense10(0x08, 0, 0x01), 255);
    CHECK(sense_of(r) == scsi::sense::invalid_field_in_cdb(3));
    CHECK(sks(r) == Sks{0xC0, 0x00, 0x03});
}

TEST_CASE("MODE SENSE(10) page 3Fh subpage 01h is 5/24/00 naming CDB byte 3") {
    TestDrive t(mode_profile());
    t.settled();
    auto r = t.run(mode_sense10(0x3F, 0, 0x01), 255);
    CHECK(sense_of(r) == scsi::sense::invalid_field_in_cdb(3));
    CHECK(sks(r) == Sks{0xC0, 0x00, 0x03});
}

TEST_CASE("MODE SENSE(10) subpage FFh answers as subpage 00h: MMC pages have no subpages") {
    TestDrive t(mode_profile());
    t.settled();
    const auto all = t.run(mode_sense10(0x3F), 255);
    CHECK(t.run(mode_sense10(0x3F, 0, 0xFF), 255).data == all.data);
    CHECK(t.run(mode_sense10(0x08, 0, 0xFF), 255).data == t.run(mode_sense10(0x08), 255).data);
}

TEST_CASE("MODE SENSE(10) page 2Ah Lock State follows PREVENT ALLOW MEDIUM REMOVAL") {
    TestDrive t(mode_profile());
    t.settled();
    CHECK(pages_of(t.run(mode_sense10(0x2A), 255))[6] == 0x29);
    const auto prevent = t.run(as_vector(scsi::cdb::prevent_allow_medium_removal(true)));
    REQUIRE(prevent.good());
    CHECK(pages_of(t.run(mode_sense10(0x2A), 255))[6] == 0x2B);
    // Only the current values follow the state; the default and saved values are the profile's.
    CHECK(pages_of(t.run(mode_sense10(0x2A, 2), 255))[6] == 0x29);
    CHECK(pages_of(t.run(mode_sense10(0x2A, 3), 255))[6] == 0x29);
    REQUIRE(t.run(as_vector(scsi::cdb::prevent_allow_medium_removal(false))).good()); // allow
    CHECK(pages_of(t.run(mode_sense10(0x2A), 255))[6] == 0x29);
}

TEST_CASE("MODE SENSE reports the power-on unit attention before answering") {
    TestDrive t(mode_profile());
    CHECK(sense_of(t.run(mode_sense10(0x08), 255)) == sense(0x6, 0x29, 0x00));
    CHECK(t.run(mode_sense10(0x08), 255).good());
}

TEST_CASE("MODE SENSE(6) page 3Fh carries only the whole pages its one-byte length can count") {
    // Page 2Ah with 53 write speed descriptors: 32 + 4 * 53 = 244 bytes, too many after 01h and 08h.
    std::string page_2a =
        "2A F2 3F 37 71 77 29 23 00 00 01 00 10 00 00 00 00 00 00 00 00 00 00 01 00 00 00 00 00 00 00 35";
    for (int i = 0; i < 53; ++i) page_2a += " 00 00 10 00";
    auto yaml = std::string(mode_profile_yaml);
    yaml = yaml.substr(0, yaml.find("  - page: 0x2A")) + "  - page: 0x2A\n    current: \"" + page_2a + "\"\n";
    TestDrive t(profile_from_yaml(yaml));
    t.settled();
    auto six = t.run(
        as_vector(scsi::cdb::mode_sense6(scsi::cdb::all_mode_pages, scsi::cdb::PageControl::Current, 255, false)), 255);
    REQUIRE(six.good());
    CHECK(six.data == concat({bytes({27, 0, 0, 0}), page_01_current(), page_08_current()}));
    auto ten = t.run(
        as_vector(scsi::cdb::mode_sense10(scsi::cdb::all_mode_pages, scsi::cdb::PageControl::Current, 320, false)),
        320);
    REQUIRE(ten.good());
    CHECK(ten.data.size() == 8 + 12 + 12 + 244);
    CHECK(ten.data[0] == 0x01);
    CHECK(ten.data[1] == 0x12); // 274 (112h) bytes follow the length field
}

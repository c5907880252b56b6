#include "profile_fixture.hpp"

#include <algorithm>

using namespace spindle;
using namespace spindle::test;

namespace {
std::vector<std::uint8_t> ascii(std::string_view s) { return {s.begin(), s.end()}; }
std::vector<std::uint8_t> concat(std::initializer_list<std::vector<std::uint8_t>> parts) {
    std::vector<std::uint8_t> out;
    for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
    return out;
}
} // namespace

TEST_CASE("standard INQUIRY returns the 36-byte identity of the profile") {
    TestDrive t(small_profile());
    auto r = t.run(as_vector(scsi::cdb::inquiry(96)), 96);
    REQUIRE(r.good());
    CHECK(r.data == concat({bytes({0x05, 0x80, 0x00, 0x02, 0x1F, 0x00, 0x00, 0x00}), ascii("ACME    "),
                            ascii("Writer 9000     "), ascii("1.2 ")}));
    CHECK(r.completion.residual == 60);
}

TEST_CASE("INQUIRY with additional length 91 returns 96 bytes with the vendor-specific field") {
    auto p = small_profile();
    p.identity.additional_length = 91;
    p.identity.version_descriptors = {0x0540};
    TestDrive t(p);
    auto r = t.run(as_vector(scsi::cdb::inquiry(255)), 255);
    REQUIRE(r.good());
    REQUIRE(r.data.size() == 96);
    CHECK(r.data[4] == 91);
    CHECK(std::vector<std::uint8_t>(r.data.begin() + 36, r.data.begin() + 56) == ascii("2026/11/21          "));
    CHECK(r.data[58] == 0x05);
    CHECK(r.data[59] == 0x40);
    CHECK(std::all_of(r.data.begin() + 60, r.data.end(), [](auto b) { return b == 0; }));
}

TEST_CASE("INQUIRY is cut to its allocation length") {
    TestDrive t(small_profile());
    auto r = t.run(as_vector(scsi::cdb::inquiry(5)), 36);
    REQUIRE(r.good());
    CHECK(r.data == bytes({0x05, 0x80, 0x00, 0x02, 0x1F}));
    CHECK(r.completion.residual == 31);
}

TEST_CASE("INQUIRY with a page code but no EVPD is INVALID FIELD IN CDB at byte 2") {
    TestDrive t(small_profile());
    auto r = t.run({0x12, 0, 0x80, 0, 36, 0}, 36);
    CHECK(sense_of(r) == scsi::sense::invalid_field_in_cdb(2));
    const auto s = r.sense_bytes();
    CHECK(s[15] == 0xC0); // SKSV, C/D = CDB
    CHECK(s[16] == 0x00);
    CHECK(s[17] == 0x02);
}

TEST_CASE("VPD page 00h lists 00h, 80h and 83h") {
    TestDrive t(small_profile());
    auto r = t.run(as_vector(scsi::cdb::inquiry_vpd(0x00, 255)), 255);
    REQUIRE(r.good());
    CHECK(r.data == bytes({0x05, 0x00, 0x00, 0x03, 0x00, 0x80, 0x83}));
}

TEST_CASE("VPD page 80h carries the profile's serial number") {
    TestDrive t(small_profile());
    auto r = t.run(as_vector(scsi::cdb::inquiry_vpd(0x80, 255)), 255);
    REQUIRE(r.good());
    CHECK(r.data == concat({bytes({0x05, 0x80, 0x00, 0x06}), ascii("SN0042")}));
}

TEST_CASE("VPD page 83h has one T10 vendor ID designator: vendor, product, serial") {
    TestDrive t(small_profile());
    auto r = t.run(as_vector(scsi::cdb::inquiry_vpd(0x83, 255)), 255);
    REQUIRE(r.good());
    CHECK(r.data == concat({bytes({0x05, 0x83, 0x00, 34, 0x02, 0x01, 0x00, 30}), ascii("ACME    "),
                            ascii("Writer 9000     "), ascii("SN0042")}));
}

TEST_CASE("an unsupported VPD page is INVALID FIELD IN CDB at byte 2") {
    TestDrive t(small_profile());
    auto r = t.run({0x12, 1, 0xB0, 0, 255, 0}, 255);
    CHECK(sense_of(r) == scsi::sense::invalid_field_in_cdb(2));
    CHECK(r.sense_bytes()[17] == 0x02);
}

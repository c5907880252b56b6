// MODE SELECT(6)/(10): raw CDBs and parameter lists in, exact sense out, and MODE SENSE to
// show what changed (or that nothing did).
#include "mode_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

namespace {
using Sks = std::array<std::uint8_t, 3>;

// Page 08h as sent: WCE as given, everything else as the drive has it.
std::vector<std::uint8_t> page_08(bool wce, std::uint8_t byte2_extra = 0, std::uint8_t length = 0x0A) {
    auto p = bytes({0x08, length, (wce ? 0x04 : 0x00) | byte2_extra, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    p.resize(length + 2u, 0);
    return p;
}

TestDrive& ready(TestDrive& t) { return t.settled(); }
} // namespace

TEST_CASE("MODE SELECT(10) of a changeable bit changes the current values MODE SENSE reports") {
    TestDrive t(mode_profile());
    ready(t);
    const auto list = select_list({page_08(false)});
    auto r = t.run(mode_select10(list.size()), 0, list);
    REQUIRE(r.good());
    CHECK(pages_of(t.run(mode_sense10(0x08), 255)) == bytes({0x88, 0x0A, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
    // Without SP the saved values stay as they were.
    CHECK(pages_of(t.run(mode_sense10(0x08, 3), 255)) == page_08_current());
}

TEST_CASE("MODE SELECT(10) of several pages applies each of them") {
    TestDrive t(mode_profile());
    ready(t);
    const auto list = select_list({bytes({0x01, 0x0A, 0xC4, 0x05, 0, 0, 0, 0, 0x10, 0, 0, 0}), page_08(false)});
    REQUIRE(t.run(mode_select10(list.size()), 0, list).good());
    CHECK(pages_of(t.run(mode_sense10(0x3F), 255)) ==
          concat({bytes({0x81, 0x0A, 0xC4, 0x05, 0, 0, 0, 0, 0x10, 0, 0, 0}),
                  bytes({0x88, 0x0A, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0}), page_2a_current()}));
}

TEST_CASE("MODE SELECT(10) accepts pages sent back exactly as MODE SENSE reported them, PS bit included") {
    TestDrive t(mode_profile());
    ready(t);
    const auto sensed = t.run(mode_sense10(0x3F), 255);
    REQUIRE(sensed.good());
    auto list = sensed.data;
    list[0] = list[1] = 0; // the mode data length is reserved in MODE SELECT; zero it as initiators do
    REQUIRE(t.run(mode_select10(list.size()), 0, list).good());
    CHECK(t.run(mode_sense10(0x3F), 255).data == sensed.data);
}

TEST_CASE("MODE SELECT(10) changing one bit outside the changeable mask is 5/26/00 naming the byte and bit") {
    TestDrive t(mode_profile());
    ready(t);
    const auto list = select_list({page_08(true, 0x01)}); // RCD: not changeable
    auto r = t.run(mode_select10(list.size()), 0, list);
    CHECK(sense_of(r) == scsi::sense::invalid_field_in_parameter_list(10, 0));
    CHECK(sks(r) == Sks{0x88, 0x00, 0x0A}); // SKSV, parameter list, BPV, bit 0; byte 10
    CHECK(pages_of(t.run(mode_sense10(0x08), 255)) == page_08_current());
}

TEST_CASE("MODE SELECT(10) changing several bits of a non-changeable byte is 5/26/00 naming the byte only") {
    TestDrive t(mode_profile());
    ready(t);
    auto page = page_08(true);
    page[5] = 0xFF;
    const auto list = select_list({page});
    auto r = t.run(mode_select10(list.size()), 0, list);
    CHECK(sense_of(r) == scsi::sense::invalid_field_in_parameter_list(13));
    CHECK(sks(r) == Sks{0x80, 0x00, 0x0D});
}

TEST_CASE("MODE SELECT(10) changing any bit of page 2Ah is 5/26/00: nothing in it is changeable") {
    TestDrive t(mode_profile());
    ready(t);
    auto page = page_2a_current();
    page[12] = 0x30; // buffer size 1000h KiB -> 3000h KiB: one bit more
    const auto list = select_list({page});
    auto r = t.run(mode_select10(list.size()), 0, list);
    CHECK(sense_of(r) == scsi::sense::invalid_field_in_parameter_list(20, 5));
    CHECK(sks(r) == Sks{0x8D, 0x00, 8 + 12}); // bit 5 of byte 20
}

TEST_CASE("MODE SELECT(10) with a page length other than the drive's is 5/26/00 naming the length byte") {
    TestDrive t(mode_profile());
    ready(t);
    const auto list = select_list({page_08(true, 0, 0x08)});
    auto r = t.run(mode_select10(list.size()), 0, list);
    CHECK(sense_of(r) == scsi::sense::invalid_field_in_parameter_list(9));
    CHECK(sks(r) == Sks{0x80, 0x00, 0x09});
}

TEST_CASE("MODE SELECT(10) of a page the drive does not have is 5/26/00 naming the page code byte") {
    TestDrive t(mode_profile());
    ready(t);
    const auto list = select_list({page_08(true), bytes({0x1A, 0x0A, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})});
    auto r = t.run(mode_select10(list.size()), 0, list);
    CHECK(sense_of(r) == scsi::sense::invalid_field_in_parameter_list(20, 5));
    CHECK(sks(r) == Sks{0x8D, 0x00, 20}); // page code field: bits 5-0 of byte 20
}

TEST_CASE("MODE SELECT(10) of a page in subpage format is 5/26/00 naming the SPF bit") {
    TestDrive t(mode_profile());
    ready(t);
    const auto list = select_list({bytes({0x48, 0x00, 0x0A, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})});
    auto r = t.run(mode_select10(list.size()), 0, list);
    CHECK(sense_of(r) == scsi::sense::invalid_field_in_parameter_list(8, 6));
    CHECK(sks(r) == Sks{0x8E, 0x00, 0x08});
}

TEST_CASE("MODE SELECT(10) with a parameter list length that cuts a page short is 5/1A/00") {
    TestDrive t(mode_profile());
    ready(t);
    const auto list = select_list({page_08(false)});
    auto r = t.run(mode_select10(list.size() - 1), 0, list);
    CHECK(sense_of(r) == sense(0x5, 0x1A, 0x00));
    CHECK(pages_of(t.run(mode_sense10(0x08), 255)) == page_08_current());
}

TEST_CASE("MODE SELECT(10) whose parameter list length claims more than was sent is 5/1A/00") {
    TestDrive t(mode_profile());
    ready(t);
    auto list = select_list({page_08(false)});
    const auto claimed = list.size();
    list.resize(list.size() - 4);
    auto r = t.run(mode_select10(claimed), 0, list);
    CHECK(sense_of(r) == sense(0x5, 0x1A, 0x00));
    CHECK(pages_of(t.run(mode_sense10(0x08), 255)) == page_08_current());
}

TEST_CASE("MODE SELECT(10) shorter than its 8-byte header is 5/1A/00") {
    TestDrive t(mode_profile());
    ready(t);
    CHECK(sense_of(t.run(mode_select10(6), 0, bytes({0, 0, 0, 0, 0, 0}))) == sense(0x5, 0x1A, 0x00));
}

TEST_CASE("MODE SELECT(10) with parameter list length 0 changes nothing and is GOOD") {
    TestDrive t(mode_profile());
    ready(t);
    CHECK(t.run(mode_select10(0)).good());
    CHECK(pages_of(t.run(mode_sense10(0x08), 255)) == page_08_current());
}

TEST_CASE("MODE SELECT(10) with a block descriptor is 5/26/00 naming the block descriptor length") {
    TestDrive t(mode_profile());
    ready(t);
    auto list = concat({bytes({0, 0, 0, 0, 0, 0, 0, 8}), bytes({0, 0, 0, 0, 0, 0, 0x08, 0})});
    auto r = t.run(mode_select10(list.size()), 0, list);
    CHECK(sense_of(r) == scsi::sense::invalid_field_in_parameter_list(6));
    CHECK(sks(r) == Sks{0x80, 0x00, 0x06});
}

TEST_CASE("MODE SELECT(10) with PF clear is 5/24/00 naming CDB byte 1, bit 4") {
    TestDrive t(mode_profile());
    ready(t);
    const auto list = select_list({page_08(false)});
    auto cdb = mode_select10(list.size());
    cdb[1] = 0x00;
    auto r = t.run(cdb, 0, list);
    CHECK(sense_of(r) == scsi::sense::invalid_field_in_cdb(1, 4));
    CHECK(sks(r) == Sks{0xCC, 0x00, 0x01});
    CHECK(pages_of(t.run(mode_sense10(0x08), 255)) == page_08_current());
}

TEST_CASE("MODE SELECT(10) applies nothing when its second page is bad") {
    TestDrive t(mode_profile());
    ready(t);
    const auto list = select_list({page_08(false), bytes({0x01, 0x0A, 0x81, 0x20, 0, 0, 0, 0, 0x10, 0, 0, 0})});
    auto r = t.run(mode_select10(list.size(), true), 0, list);
    CHECK(sense_of(r) == scsi::sense::invalid_field_in_parameter_list(22, 0));
    CHECK(sks(r) == Sks{0x88, 0x00, 22}); // page 01h byte 2 bit 0 (DCR): not changeable
    CHECK(pages_of(t.run(mode_sense10(0x3F), 255)) ==
          concat({page_01_current(), page_08_current(), page_2a_current()}));
    CHECK(pages_of(t.run(mode_sense10(0x3F, 3), 255)) ==
          concat({page_01_current(), page_08_current(), page_2a_current()}));
}

TEST_CASE("MODE SELECT(6) changes a page through its 4-byte header") {
    TestDrive t(mode_profile());
    ready(t);
    const auto list = concat({bytes({0, 0, 0, 0}), page_08(false)});
    auto r = t.run({0x15, 0x10, 0, 0, static_cast<std::uint8_t>(list.size()), 0}, 0, list);
    REQUIRE(r.good());
    CHECK(pages_of(t.run(mode_sense10(0x08), 255)) == bytes({0x88, 0x0A, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
}

TEST_CASE("MODE SELECT(6) with a block descriptor is 5/26/00 naming header byte 3") {
    TestDrive t(mode_profile());
    ready(t);
    const auto list = concat({bytes({0, 0, 0, 8}), bytes({0, 0, 0, 0, 0, 0, 0x08, 0})});
    auto r = t.run({0x15, 0x10, 0, 0, static_cast<std::uint8_t>(list.size()), 0}, 0, list);
    CHECK(sense_of(r) == scsi::sense::invalid_field_in_parameter_list(3));
    CHECK(sks(r) == Sks{0x80, 0x00, 0x03});
}

TEST_CASE("MODE SELECT(6) naming a page the drive does not have is 5/26/00 at its offset after the 4-byte header") {
    TestDrive t(mode_profile());
    ready(t);
    const auto list = concat({bytes({0, 0, 0, 0}), bytes({0x05, 0x0A, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})});
    auto r = t.run({0x15, 0x10, 0, 0, static_cast<std::uint8_t>(list.size()), 0}, 0, list);
    CHECK(sense_of(r) == scsi::sense::invalid_field_in_parameter_list(4, 5));
    CHECK(sks(r) == Sks{0x8D, 0x00, 0x04});
}

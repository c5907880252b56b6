// Named page fields encode to the exact MMC-6 / SPC-4 bytes, masks included.
#include "emulator/profile/mode_page_layouts.hpp"
#include "emulator/profile/profile_loader.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace spindle;

namespace {

ModePageValues page_of(const std::string& entry, std::uint8_t page) {
    const std::string yaml = "identity: {vendor: A, product: B, revision: C}\nprofiles: [cd-r]\nmode_pages:\n" + entry;
    const auto p = load_profile_text(yaml, "pages.yaml");
    REQUIRE_MESSAGE(p.has_value(), (p ? "" : p.error().to_string()));
    REQUIRE(p->mode_pages.contains(page));
    return p->mode_pages.at(page);
}

scsi::Bytes bytes(std::initializer_list<int> values) {
    scsi::Bytes out;
    for (int v : values) out.push_back(static_cast<std::uint8_t>(v));
    return out;
}

} // namespace

TEST_CASE("caching page {wce: 1} is 08 0A 04 00 ..., changeable [wce] masks bit 2") {
    const auto v = page_of("  - page: 0x08\n    current: {wce: 1}\n    changeable: [wce]\n", 0x08);
    CHECK(v.current == bytes({0x08, 0x0A, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
    CHECK(v.changeable == bytes({0x08, 0x0A, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
    CHECK(v.default_values == v.current);
}

TEST_CASE("a page without changeable has an all-zero mask with the page header") {
    const auto v = page_of("  - page: 0x08\n    current: {rcd: 1, ps: 1}\n", 0x08);
    CHECK(v.current == bytes({0x88, 0x0A, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
    CHECK(v.changeable == bytes({0x88, 0x0A, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
}

TEST_CASE("write parameters page: multi-bit fields and the 4-byte packet size land at MMC-6 offsets") {
    const auto v = page_of("  - page: 0x05\n    current: {bufe: 1, ls_v: 1, test_write: 1, write_type: 2, "
                           "multi_session: 3, fp: 1, track_mode: 5, data_block_type: 10, link_size: 7, "
                           "session_format: 0x20, packet_size: 16, audio_pause_length: 150, subheader_2: 8}\n"
                           "    changeable: {write_type: 0x3, track_mode: 0xF}\n",
                           0x05);
    REQUIRE(v.current.size() == 52);
    CHECK(v.current[0] == 0x05);
    CHECK(v.current[1] == 0x32);
    CHECK(v.current[2] == 0x72);
    CHECK(v.current[3] == 0xE5);
    CHECK(v.current[4] == 0x0A);
    CHECK(v.current[5] == 0x07);
    CHECK(v.current[8] == 0x20);
    CHECK(scsi::get_be32(v.current, 10) == 16);
    CHECK(scsi::get_be16(v.current, 14) == 150);
    CHECK(v.current[50] == 0x08);
    CHECK(v.changeable[2] == 0x03);
    CHECK(v.changeable[3] == 0x0F);
}

TEST_CASE("power condition page: timers are big-endian 32-bit at bytes 4 and 8") {
    const auto v =
        page_of("  - page: 0x1A\n    current: {idle: 1, standby: 1, idle_timer: 200, standby_timer: 4800}\n", 0x1A);
    CHECK(v.current == bytes({0x1A, 0x0A, 0x00, 0x03, 0, 0, 0, 0xC8, 0, 0, 0x12, 0xC0}));
}

TEST_CASE("page 2Ah: descriptors fill the count at 30-31 and grow the page length") {
    const auto v = page_of("  - page: 0x2A\n    current:\n      loading_mechanism_type: 1\n      eject: 1\n"
                           "      lock: 1\n      buffer_size_kib: 4096\n      current_write_speed_selected: 22160\n"
                           "      write_speed_descriptors:\n        - {rotation: clv, speed: 22160}\n"
                           "        - {rotation: cav, speed: 8467}\n",
                           0x2A);
    REQUIRE(v.current.size() == 40);
    CHECK(v.current[1] == 0x26);
    CHECK(v.current[6] == 0x29);
    CHECK(scsi::get_be16(v.current, 12) == 4096);
    CHECK(scsi::get_be16(v.current, 28) == 22160);
    CHECK(scsi::get_be16(v.current, 30) == 2);
    CHECK(scsi::Bytes(v.current.begin() + 32, v.current.end()) == bytes({0, 0, 0x56, 0x90, 0, 1, 0x21, 0x13}));
    CHECK(v.changeable.size() == 40);
}

TEST_CASE("the default profile's page 2Ah matches the BDR-S09 capability bytes, C2 on") {
    const auto& page = default_profile().mode_pages.at(0x2A).current;
    CHECK(scsi::Bytes(page.begin() + 2, page.begin() + 8) == bytes({0x3F, 0x37, 0xF1, 0x73, 0x29, 0x23}));
    CHECK(page[1] + 2u == page.size());
    CHECK(scsi::get_be16(page, 30) == 5);
}

TEST_CASE("a page given as hex is kept byte for byte") {
    const auto v = page_of("  - page: 0x30\n    current: \"30 06 01 02 03 04 05 06\"\n"
                           "    changeable: \"30 06 FF 00 00 00 00 00\"\n",
                           0x30);
    CHECK(v.current == bytes({0x30, 6, 1, 2, 3, 4, 5, 6}));
    CHECK(v.changeable == bytes({0x30, 6, 0xFF, 0, 0, 0, 0, 0}));
}

TEST_CASE("every layout field fits its page and no two fields share a bit") {
    for (const auto& layout : mode_page_layouts()) {
        CAPTURE(int(layout.page));
        scsi::Bytes seen(layout.length, 0);
        for (const auto& f : layout.fields) {
            CAPTURE(std::string(f.name));
            CHECK(f.byte + (f.width > 8 ? f.width / 8u : 1u) <= layout.length);
            scsi::Bytes mask(layout.length, 0);
            put_field(mask, f, field_max(f));
            for (std::size_t i = 0; i < mask.size(); ++i) {
                CHECK((seen[i] & mask[i]) == 0);
                seen[i] = static_cast<std::uint8_t>(seen[i] | mask[i]);
            }
            CHECK(get_field(mask, f) == field_max(f));
        }
    }
}

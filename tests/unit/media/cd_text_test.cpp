// CD-Text packs, their CRC and R-W framing, and the Q modes 2 (catalogue number) and 3 (ISRC),
// against facts that do not come from the code under test: the CRC catalogue's check value,
// packs of a Sony CD-Text example as libburn's doc/cdtext.txt quotes them, and Q frames worked
// out by hand from the Red Book layouts.
#include "emulator/media/cd_subchannel.hpp"
#include "emulator/media/cd_text.hpp"
#include "emulator/media/disc_json.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <initializer_list>
#include <string_view>
#include <vector>

using namespace spindle;

namespace {

cd::TextPack pack_of(std::initializer_list<std::uint8_t> bytes) {
    cd::TextPack p{};
    std::copy_n(bytes.begin(), std::min(bytes.size(), p.size()), p.begin());
    return p;
}

// Packs of a Sony CD-Text example (libburn doc/cdtext.txt): a TOC pack (88h) and the three
// size-information packs (8Fh) of one block, CRCs as recorded.
const std::vector<cd::TextPack> sony = {
    pack_of({0x88, 0x00, 0x23, 0x00, 0x01, 0x0e, 0x00, 0x3f, 0x02, 0x12, 0, 0, 0, 0, 0, 0, 0x12, 0x00}),
    pack_of(
        {0x88, 0x01, 0x24, 0x00, 0x00, 0x02, 0x00, 0x04, 0x0b, 0x19, 0x08, 0x02, 0x32, 0x0b, 0x2f, 0x3e, 0x67, 0x2d}),
    pack_of({0x89, 0x01, 0x28, 0x00, 0x01, 0x04, 0, 0, 0, 0, 0x02, 0x29, 0x30, 0x02, 0x34, 0x3a, 0xf3, 0x0c}),
    pack_of(
        {0x8f, 0x00, 0x2a, 0x00, 0x01, 0x01, 0x03, 0x00, 0x06, 0x05, 0x04, 0x05, 0x07, 0x06, 0x01, 0x02, 0x48, 0x65}),
    pack_of({0x8f, 0x01, 0x2b, 0x00, 0, 0, 0, 0, 0, 0, 0x06, 0x03, 0x2c, 0, 0, 0, 0xc0, 0x20}),
    pack_of({0x8f, 0x02, 0x2c, 0x00, 0, 0, 0, 0, 0x09, 0, 0, 0, 0, 0, 0, 0, 0x11, 0x45}),
};

} // namespace

TEST_CASE("the pack CRC is CRC-16/GSM (0x1021, init 0, inverted): the catalogue's check value 0xCE3C") {
    const std::string_view check = "123456789";
    CHECK(cd::text_pack_crc({reinterpret_cast<const std::uint8_t*>(check.data()), check.size()}) == 0xCE3C);
}

TEST_CASE("the CRCs of a Sony CD-Text example's packs check; a changed byte or CRC does not") {
    for (const auto& p : sony) CHECK(cd::text_pack_crc_ok(p));
    auto bad = sony[3];
    bad[5] ^= 0x01;
    CHECK_FALSE(cd::text_pack_crc_ok(bad));
    bad = sony[3];
    bad[17] ^= 0x80;
    CHECK_FALSE(cd::text_pack_crc_ok(bad));
}

TEST_CASE("four packs make one 96-byte R-W block of 6-bit symbols, and come back from it") {
    const std::array<cd::TextPack, 4> four{sony[3], sony[4], sony[5], sony[0]};
    const auto rw = cd::rw_block_of_packs(four);
    // 8F 00 2A = 100011 110000 000000 101010: symbols 23h 30h 00h 2Ah (worked out by hand).
    CHECK(rw[0] == 0x23);
    CHECK(rw[1] == 0x30);
    CHECK(rw[2] == 0x00);
    CHECK(rw[3] == 0x2A);
    // The second pack starts at symbol 24: 8F 01 2B = 100011 110000 000100 101011.
    CHECK(rw[24] == 0x23);
    CHECK(rw[25] == 0x30);
    CHECK(rw[26] == 0x04);
    CHECK(rw[27] == 0x2B);
    for (const auto b : rw) CHECK((b & 0xC0) == 0); // P and Q are not R-W
    CHECK(cd::packs_of_rw_block(rw) == four);
}

TEST_CASE("a lead-in's repeated pack cycle keeps each pack once, in block and sequence order; noise is dropped") {
    cd::TextCollector c;
    CHECK(c.add(sony[5]));
    CHECK(c.add(sony[0]));
    CHECK_FALSE(c.add(sony[0])); // the next cycle
    CHECK_FALSE(c.add(cd::TextPack{}));
    auto bad = sony[1];
    bad[16] ^= 1;
    CHECK_FALSE(c.add(bad));
    CHECK(c.add(sony[1]));
    std::vector<std::uint8_t> expected;
    for (const auto* p : {&sony[0], &sony[1], &sony[5]}) expected.insert(expected.end(), p->begin(), p->end());
    CHECK(c.packs() == expected);
    CHECK(cd::valid_text_packs(expected));
    expected[20] ^= 1;
    CHECK_FALSE(cd::valid_text_packs(expected));
}

TEST_CASE("Q mode 3 carries an ISRC: five 6-bit characters, seven BCD digits, AFRAME, CRC (worked by hand)") {
    // US-RC1-76-07839 at LBA 50, absolute time 00:02:50.
    const auto q = cd::q_isrc(0x0, "USRC17607839", 50);
    // U S R C 1 = 37 35 34 19 1: 100101 100011 100010 010011 000001 00.
    const cd::QFrame expected{0x03, 0x96, 0x38, 0x93, 0x04, 0x76, 0x07, 0x83, 0x90, 0x50, 0x43, 0x69};
    CHECK(q == expected);
}

TEST_CASE("Q mode 2 carries the catalogue number: thirteen BCD digits, a zero nibble, AFRAME, CRC") {
    const auto q = cd::q_catalogue(0x0, "0123456789012", 25);
    const cd::QFrame expected{0x02, 0x01, 0x23, 0x45, 0x67, 0x89, 0x01, 0x20, 0x00, 0x25, 0x44, 0x40};
    CHECK(q == expected);
}

TEST_CASE("catalogue numbers are 13 digits; an ISRC is 5 letters or digits then 7 digits") {
    CHECK(cd::valid_mcn("0123456789012"));
    CHECK_FALSE(cd::valid_mcn("012345678901"));
    CHECK_FALSE(cd::valid_mcn("01234567890A2"));
    CHECK(cd::valid_isrc("USRC17607839"));
    CHECK_FALSE(cd::valid_isrc("USRC1760783"));
    CHECK_FALSE(cd::valid_isrc("usRC17607839"));
    CHECK_FALSE(cd::valid_isrc("USRC1760783X"));
}

TEST_CASE("kept metadata: a disc without CD-Text, ISRC or MCN writes none of them and reads as before") {
    Disc d;
    d.kind = MediaKind::CdR;
    d.capacity_blocks = 359849;
    d.tracks.push_back(Track{});
    d.tracks[0].size = 1000;
    const auto text = disc_to_json(d);
    CHECK(text.find("cd_text") == std::string::npos);
    CHECK(text.find("isrc") == std::string::npos);
    CHECK(text.find("mcn") == std::string::npos);
    const auto back = disc_from_json(text);
    REQUIRE(back);
    CHECK(*back == d);
}

TEST_CASE("kept metadata: CD-Text, ISRC and MCN round-trip; malformed ones are refused by field") {
    Disc d;
    d.kind = MediaKind::CdR;
    d.capacity_blocks = 359849;
    d.tracks.push_back(Track{});
    d.tracks[0].size = 1000;
    d.tracks[0].track_mode = 0;
    d.tracks[0].isrc = "USRC17607839";
    d.mcn = "0123456789012";
    for (const auto& p : sony) d.cd_text.insert(d.cd_text.end(), p.begin(), p.end());
    const auto text = disc_to_json(d);
    CHECK(text.find("\"cd_text\": \"880023000") != std::string::npos);
    const auto back = disc_from_json(text);
    REQUIRE(back);
    CHECK(*back == d);

    auto broken = text;
    broken.replace(broken.find("USRC17607839"), 12, "USRC1760783X");
    CHECK(disc_from_json(broken).error().find("tracks[0].isrc") == 0);
    broken = text;
    broken.replace(broken.find("0123456789012"), 13, "012345678901X");
    CHECK(disc_from_json(broken).error().find("mcn") == 0);
    broken = text;
    broken.replace(broken.find("1200"), 4, "1201"); // the first pack's CRC
    CHECK(disc_from_json(broken).error().find("cd_text") == 0);
}

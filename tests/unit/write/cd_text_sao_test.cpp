// CD-Text, ISRC and the catalogue number written Session At Once as cdrdao, wodim and libburn
// send them: the cue sheet's ADR 2 and ADR 3 pairs (MMC-6 6.33), a lead-in descriptor with
// sub-channel data (form 41h), the lead-in's R-W as 96-byte blocks from the ATIP lead-in start
// to LBA -151, then the pregap and the audio; read back with READ TOC format 5, READ
// SUB-CHANNEL 02h/03h and READ CD's Q, and after the disc's files are reopened.
#include "emulator/media/cd_text.hpp"
#include "emulator/media/medium_files.hpp"
#include "emulator/media/msf.hpp"
#include "persistence/persistence_fixture.hpp"
#include "write/write_fixture.hpp"

#include <string_view>

using namespace spindle;
using namespace spindle::test;

namespace {

constexpr std::int64_t lead_in_start = -11634; // the blank CD-R's ATIP lead-in start, 97:26:66

void entry(std::vector<std::uint8_t>& cue, std::initializer_list<int> bytes8) {
    for (const int b : bytes8) cue.push_back(static_cast<std::uint8_t>(b));
}

void timed(std::vector<std::uint8_t>& cue, int ctl_adr, int tno, int index, int form, std::int64_t lba) {
    const Msf m = lba_to_msf(lba);
    entry(cue, {ctl_adr, tno, index, form, 0, m.m, m.s, m.f});
}

// cdrdao's cue sheet (GenericMMC::createCueSheet) for two audio tracks of 400 and 300 blocks:
// the catalogue number, the lead-in at its ATIP start with R-W from the host, track 1's ISRC.
std::vector<std::uint8_t> cue_sheet(bool text) {
    std::vector<std::uint8_t> cue;
    entry(cue, {0x02, '0', '1', '2', '3', '4', '5', '6'});
    entry(cue, {0x02, '7', '8', '9', '0', '1', '2', 0});
    timed(cue, 0x01, 0, 0, text ? 0x41 : 0x01, lead_in_start);
    entry(cue, {0x03, 1, 'U', 'S', 'R', 'C', '1', '7'});
    entry(cue, {0x03, 1, '6', '0', '7', '8', '3', '9'});
    timed(cue, 0x01, 1, 0, 0x00, -150);
    timed(cue, 0x01, 1, 1, 0x00, 0);
    timed(cue, 0x01, 2, 1, 0x00, 400);
    timed(cue, 0x01, 0xAA, 1, 0x01, 700);
    return cue;
}

cd::TextPack text_pack(std::uint8_t type, std::uint8_t track, std::uint8_t seq, std::string_view text) {
    cd::TextPack p{};
    p[0] = type;
    p[1] = track;
    p[2] = seq;
    std::copy_n(text.begin(), std::min<std::size_t>(12, text.size()), p.begin() + 4);
    const auto crc = cd::text_pack_crc(std::span<const std::uint8_t>(p).first(16));
    p[16] = static_cast<std::uint8_t>(crc >> 8);
    p[17] = static_cast<std::uint8_t>(crc);
    return p;
}

// Titles of the disc and its two tracks, and the three size packs: 6 packs, 2 R-W blocks
// (the second padded with zero packs, as cdrdao's encoder fills whole blocks).
std::vector<cd::TextPack> packs() {
    using namespace std::string_view_literals;
    return {text_pack(0x80, 0, 0, "ALBUM\0FIRST\0"sv),
            text_pack(0x80, 2, 1, "SECOND\0"sv),
            text_pack(0x81, 0, 2, "BAND\0\0\0"sv),
            text_pack(0x8F, 0, 3, "\x01\x01\x02\x00\x02\x01"sv),
            text_pack(0x8F, 1, 4, "\0\0\0\0\0\0\0\0\0\0\0\x03"sv),
            text_pack(0x8F, 2, 5, "\x05\0\0\0\0\0\0\0\x09"sv)};
}

Result write_raw(Writer& w, std::int64_t lba, std::uint32_t count, std::vector<std::uint8_t> data) {
    const auto a = be32_bytes(static_cast<std::uint32_t>(lba));
    return w.run(
        bytes({0x2A, 0, a[0], a[1], a[2], a[3], 0, static_cast<int>(count >> 8), static_cast<int>(count & 0xFF), 0}), 0,
        std::move(data));
}

// The lead-in as cdrdao writes it: the R-W blocks of the pack cycle, repeated, `per` a WRITE.
void write_lead_in(Writer& w, std::uint32_t per = 682) {
    const auto p = packs();
    const std::array<cd::TextPack, 4> first{p[0], p[1], p[2], p[3]}, second{p[4], p[5], cd::TextPack{}, cd::TextPack{}};
    const std::array<std::array<std::uint8_t, 96>, 2> cycle{cd::rw_block_of_packs(first),
                                                            cd::rw_block_of_packs(second)};
    std::size_t k = 0;
    for (std::int64_t lba = lead_in_start; lba < -150;) {
        const auto n = static_cast<std::uint32_t>(std::min<std::int64_t>(per, -150 - lba));
        std::vector<std::uint8_t> data;
        for (std::uint32_t i = 0; i < n; ++i, ++k) data.insert(data.end(), cycle[k % 2].begin(), cycle[k % 2].end());
        const auto r = write_raw(w, lba, n, std::move(data));
        REQUIRE_MESSAGE(r.good(), r.sense() << " at " << lba);
        lba += n;
    }
}

void burn(Writer& w, bool text = true) {
    REQUIRE(w.set_write_parameters([](std::span<std::uint8_t> p) {
                 p[2] = static_cast<std::uint8_t>((p[2] & 0xE0) | 0x02); // SAO
                 p[3] = 0x00;                                            // audio
                 p[4] = 0x03; // raw with raw P-W, as cdrdao sets it for CD-Text
             }).good());
    auto cue = cue_sheet(text);
    if (!text) cue.erase(cue.begin(), cue.begin() + 16);     // nor a catalogue number
    if (!text) cue.erase(cue.begin() + 8, cue.begin() + 24); // nor an ISRC
    REQUIRE(w.run(bytes({0x5D, 0, 0, 0, 0, 0, 0, 0, static_cast<int>(cue.size()), 0}), 0, cue).good());
    if (text) write_lead_in(w);
    REQUIRE(write_raw(w, -150, 150, std::vector<std::uint8_t>(150 * 2352)).good());
    for (std::int64_t lba = 0; lba < 700; lba += 50)
        REQUIRE(write_raw(w, lba, 50, std::vector<std::uint8_t>(50 * 2352, 0x11)).good());
    REQUIRE(w.sync().good());
}

std::vector<std::uint8_t> cd_text_of(Writer& w) {
    const auto head = w.run(bytes({0x43, 0, 0x05, 0, 0, 0, 0, 0, 4, 0}), 4); // readers ask for 4 bytes first
    REQUIRE(head.good());
    const std::size_t length = scsi::get_be16(head.data, 0) + 2u;
    const auto r = w.run(
        bytes({0x43, 0, 0x05, 0, 0, 0, 0, static_cast<int>(length >> 8), static_cast<int>(length & 0xFF), 0}), length);
    REQUIRE(r.good());
    return r.data;
}

std::vector<std::uint8_t> expected_cd_text() {
    std::vector<std::uint8_t> out{0, 2 + 6 * 18, 0, 0};
    for (const auto& p : packs()) out.insert(out.end(), p.begin(), p.end());
    return out;
}

std::vector<std::uint8_t> subchannel(Writer& w, int format, int track = 0) {
    const auto r = w.run(bytes({0x42, 0, 0x40, format, 0, 0, track, 0, 24, 0}), 24);
    REQUIRE(r.good());
    return r.data;
}

std::string text_at(const std::vector<std::uint8_t>& v, std::size_t at, std::size_t n) {
    return {v.begin() + static_cast<std::ptrdiff_t>(at), v.begin() + static_cast<std::ptrdiff_t>(at + n)};
}

cd::QFrame q_at(Writer& w, std::uint32_t lba) {
    const auto a = be32_bytes(lba);
    const auto r = w.run(bytes({0xBE, 0, a[0], a[1], a[2], a[3], 0, 0, 1, 0x10, 0x02, 0}), 2352 + 16);
    REQUIRE(r.good());
    cd::QFrame q{};
    std::copy_n(r.data.begin() + 2352, q.size(), q.begin());
    return q;
}

void check_lead_in_data(Writer& w) {
    CHECK(cd_text_of(w) == expected_cd_text());
    const auto mcn = subchannel(w, 2);
    CHECK(mcn[3] == 20); // 24 bytes
    CHECK(mcn[8] == 0x80);
    CHECK(text_at(mcn, 9, 13) == "0123456789012");
    CHECK(mcn[23] == 25); // AFRAME: LBA 25 is 00:02:25
    const auto isrc = subchannel(w, 3, 1);
    CHECK(isrc[5] == 0x30); // ADR 3, CONTROL 0 (audio)
    CHECK(isrc[6] == 1);
    CHECK(isrc[8] == 0x80);
    CHECK(text_at(isrc, 9, 12) == "USRC17607839");
    CHECK(isrc[22] == 50);
    const auto none = subchannel(w, 3, 2);
    CHECK(none[8] == 0x00); // track 2 has no ISRC
    CHECK(text_at(none, 9, 12) == std::string(12, '\0'));
}

} // namespace

TEST_CASE("SAO with CD-Text, ISRC and MCN as cdrdao sends them: READ TOC format 5 returns the packs") {
    Writer w("blank cd-r");
    burn(w);
    CHECK((w.disc_information()[2] & 0x03) == 2); // complete
    check_lead_in_data(w);
}

TEST_CASE("Q modes 2 and 3 in READ CD's formatted Q: block 25 of each hundred the MCN, 50 the ISRC") {
    Writer w("blank cd-r");
    burn(w);
    CHECK(q_at(w, 25) == cd::QFrame{0x02, 0x01, 0x23, 0x45, 0x67, 0x89, 0x01, 0x20, 0x00, 0x25, 0x44, 0x40});
    CHECK(q_at(w, 50) == cd::QFrame{0x03, 0x96, 0x38, 0x93, 0x04, 0x76, 0x07, 0x83, 0x90, 0x50, 0x43, 0x69});
    CHECK((q_at(w, 150)[0] & 0x0F) == 3);
    CHECK((q_at(w, 51)[0] & 0x0F) == 1);  // the position elsewhere
    CHECK((q_at(w, 450)[0] & 0x0F) == 1); // track 2 (from 400) has no ISRC
    CHECK((q_at(w, 425)[0] & 0x0F) == 2);
}

TEST_CASE("CD-Text, ISRC and MCN survive the disc's files: reopened in a new drive") {
    TempDir dir;
    {
        Writer w("blank cd-r image=" + (dir / "disc.img").string());
        burn(w);
    }
    auto m = open_medium(dir / "disc.img");
    REQUIRE(m);
    Writer w("blank cd-r");
    w.load(std::move(*m));
    check_lead_in_data(w);
}

TEST_CASE("without CD-Text: READ TOC format 5 is the 4-byte header alone; no MCN, no ISRC") {
    Writer w("blank cd-r");
    burn(w, false);
    CHECK(cd_text_of(w) == std::vector<std::uint8_t>{0, 2, 0, 0});
    CHECK(subchannel(w, 2)[8] == 0x00);    // MCVAL 0
    CHECK(subchannel(w, 3, 1)[8] == 0x00); // TCVAL 0
    CHECK((q_at(w, 25)[0] & 0x0F) == 1);
    Writer dvd("blank dvd+r");
    CHECK(dvd.run(bytes({0x43, 0, 0x05, 0, 0, 0, 0, 0, 4, 0}), 4).sense() == "5/24/00");
}

TEST_CASE("lead-in R-W without a cue sheet that announced it, or running into the pregap, is refused") {
    Writer w("blank cd-r");
    REQUIRE(w.set_write_mode(2).good());
    const auto cue = cue_sheet(false);
    REQUIRE(w.run(bytes({0x5D, 0, 0, 0, 0, 0, 0, 0, static_cast<int>(cue.size()), 0}), 0, cue).good());
    CHECK(write_raw(w, lead_in_start, 1, std::vector<std::uint8_t>(96)).sense() == "5/21/02");
    Writer t("blank cd-r");
    REQUIRE(t.set_write_mode(2).good());
    const auto with_text = cue_sheet(true);
    REQUIRE(t.run(bytes({0x5D, 0, 0, 0, 0, 0, 0, 0, static_cast<int>(with_text.size()), 0}), 0, with_text).good());
    CHECK(write_raw(t, -152, 4, std::vector<std::uint8_t>(4 * 96)).sense() == "5/21/02");
}

TEST_CASE("an ISRC or catalogue number that is not one is a cue sheet error naming the descriptor") {
    Writer w("blank cd-r");
    REQUIRE(w.set_write_mode(2).good());
    auto cue = cue_sheet(false);
    cue[3] = 'X'; // a letter in the catalogue number
    const auto r = w.run(bytes({0x5D, 0, 0, 0, 0, 0, 0, 0, static_cast<int>(cue.size()), 0}), 0, cue);
    CHECK(r.sense() == "5/26/00");
}

TEST_CASE("READ TOC format 5 follows feature 001Eh's CD-Text bit: a drive that reads no CD-Text refuses it") {
    Writer w("blank cd-r");
    burn(w);
    const auto feature = w.run(bytes({0x46, 0x02, 0x00, 0x1E, 0, 0, 0, 0, 16, 0}), 16);
    REQUIRE(feature.good());
    CHECK(scsi::get_be16(feature.data, 8) == 0x001E);
    CHECK((feature.data[10] & 0x01) == 0x01); // current
    CHECK((feature.data[12] & 0x01) == 0x01); // CD-Text: the default profile claims it, and it holds
    w.t->drive.open_tray();
    auto disc = w.t->drive.take_medium();
    auto profile = default_profile();
    for (auto& f : profile.features)
        if (f.code == 0x001E) f.data[0] &= 0xFE;
    TestDrive t(profile);
    t.settled();
    t.drive.load(std::move(disc));
    t.clock.advance(std::chrono::seconds(10));
    t.run({0x00, 0, 0, 0, 0, 0});
    t.settled();
    CHECK(t.run({0x43, 0, 0x05, 0, 0, 0, 0, 0, 4, 0}, 4).sense() == "5/24/00");
    CHECK(t.run({0x43, 0, 0x00, 0, 0, 0, 0, 0, 12, 0}, 12).good()); // the TOC itself is there
}

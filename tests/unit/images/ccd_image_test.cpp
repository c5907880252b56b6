// A CloneCD image (images/ccd_image.hpp) loads as the disc its full TOC describes, served from
// its .img and .sub: the tracks and sessions where the entries put them, every sector as the
// .img holds it, the R-W of the .sub, the ISRC, the catalogue number and the CD-Text. A bad
// image is refused with the file and line, or the byte offset, and what was expected.
#include "ccd_fixture.hpp"
#include "emulator/images/ccd_image.hpp"
#include "emulator/images/disc_image.hpp"
#include "emulator/media/pw_channels.hpp"
#include "images/image_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

namespace spindle::test::ccd_image {

using namespace ccd_fixture;

TEST_CASE("a .sub block holds P, then Q, then R to W, 12 bytes each, each channel's bits most significant first") {
    std::array<std::uint8_t, 96> by_symbol{};
    by_symbol[0] = 0x80;  // P of symbol 0
    by_symbol[9] = 0x01;  // W of symbol 9
    by_symbol[95] = 0x40; // Q of symbol 95
    std::array<std::uint8_t, 96> by_channel{};
    by_channel[0] = 0x80;
    by_channel[7 * 12 + 1] = 0x40;
    by_channel[1 * 12 + 11] = 0x01;
    CHECK(cd::pw_by_channel(by_symbol) == by_channel);
    CHECK(cd::pw_by_symbol(by_channel) == by_symbol);
}

TEST_CASE("a CloneCD image is the disc its entries describe, read from its .img and .sub") {
    TempDir dir;
    const SingleSession image;
    image.write(dir);
    CHECK(detect_image_format(dir / "disc.ccd") == ImageFormat::CloneCd);
    Writer w("rom from " + (dir / "disc.ccd").string());
    const Disc& d = w.disc();
    REQUIRE(d.tracks.size() == 3);
    CHECK(d.tracks[0].start == 0);
    CHECK(d.tracks[0].size == 100); // up to track 2's pregap, which lies between them
    CHECK_FALSE(d.tracks[0].audio());
    CHECK(d.tracks[0].sectors == DataSectors::Mode1);
    CHECK(d.tracks[1].start == 250);
    CHECK(d.tracks[1].size == 300);
    CHECK(d.tracks[1].audio());
    CHECK(d.tracks[1].isrc == "USRC17607839");
    CHECK(d.tracks[2].track_mode == 0x2); // Control: digital copy permitted
    CHECK(d.capacity_blocks == 650);
    CHECK(d.mcn == "0123456789012");
    CHECK(d.cd_text == image.packs);
    // R-W served from the .sub, as recorded (zeros where nothing was).
    CHECK(std::all_of(d.tracks.begin(), d.tracks.end(), [](const Track& t) { return t.recorded_rw; }));

    CHECK(whole_sectors(w, 0, 100) == slice(image.img, 0, 100 * 2352));
    CHECK(whole_sectors(w, 250, 300) == slice(image.img, 250 * 2352, 300 * 2352));
    CHECK(whole_sectors(w, 550, 100) == slice(image.img, 550 * 2352, 100 * 2352));
    // READ CD's raw P-W: the .sub's R-W, one byte a symbol.
    const Bytes raw = whole_sectors(w, 560, 4, 1);
    for (std::uint32_t b = 0; b < 4; ++b) {
        const auto linear = std::span<const std::uint8_t, 96>(image.sub.data() + (560 + b) * 96, 96);
        const auto by_symbol = cd::pw_by_symbol(linear);
        for (std::size_t i = 0; i < 96; ++i) REQUIRE((raw[b * (2352 + 96) + 2352 + i] & 0x3F) == (by_symbol[i] & 0x3F));
    }
    const auto mcn = w.run(scsi::cdb::read_subchannel(2, 24), 24);
    REQUIRE(mcn.good());
    CHECK(std::string(mcn.data.begin() + 9, mcn.data.begin() + 22) == "0123456789012");
}

TEST_CASE("a CloneCD image of two sessions is a multisession disc; its Mode 2 track is CD-ROM XA") {
    TempDir dir;
    const TwoSessions image;
    image.write(dir);
    Writer w("rom from " + (dir / "two.ccd").string());
    const Disc& d = w.disc();
    REQUIRE(d.tracks.size() == 2);
    CHECK(d.session_count() == 2);
    CHECK(d.tracks[1].session == 2);
    CHECK(d.tracks[1].start == 11700);
    CHECK(d.tracks[1].size == 200);
    CHECK(d.tracks[1].sectors == DataSectors::Xa);
    CHECK(d.tracks[1].session_format == cd_session_format::cd_rom_xa);
    CHECK(whole_sectors(w, 0, 300) == slice(image.img, 0, 300 * 2352));
    CHECK(whole_sectors(w, 11700, 200) == slice(image.img, 450 * 2352, 200 * 2352)); // after session 2's pregap
    const auto sessions = w.run(scsi::cdb::read_toc(scsi::cdb::toc_format::session_info, 0, 12), 12);
    REQUIRE(sessions.good());
    CHECK(sessions.data[3] == 2); // last complete session
    CHECK(sessions.data[6] == 2); // its first track
}

TEST_CASE("a CloneCD image without a .sub loads with no R-W; a track's mode comes from its sector header") {
    TempDir dir;
    SingleSession image;
    // [TRACK 1] says Mode 2 (real images are sometimes wrong): the header's Mode 1 wins.
    image.ccd.replace(image.ccd.find("MODE=1"), 6, "MODE=2");
    image.write(dir);
    std::filesystem::remove(dir / "disc.sub");
    auto m = load_ccd_image(dir / "disc.ccd");
    REQUIRE_MESSAGE(m.has_value(), (m ? "" : m.error()));
    CHECK((*m)->disc.tracks[0].sectors == DataSectors::Mode1);
    CHECK_FALSE((*m)->disc.tracks[2].recorded_rw);
    Bytes rw(96, 0xFF);
    CHECK((*m)->store->read_rw(560, rw));
    CHECK(rw == Bytes(96, 0));
}

// Loads DIR/disc.ccd made from `image` with `edit` applied to its descriptor, .img or .sub.
std::string refusal(const std::function<void(SingleSession&)>& edit) {
    static const SingleSession made; // built once: each case edits a copy
    TempDir dir;
    SingleSession image = made;
    edit(image);
    image.write(dir);
    auto m = load_ccd_image(dir / "disc.ccd");
    REQUIRE_FALSE(m.has_value());
    const std::string prefix = (dir / "disc").string();
    std::string e = m.error();
    for (std::size_t at; (at = e.find(prefix)) != std::string::npos;) e.replace(at, prefix.size(), "disc");
    return e;
}

// The line of the first `text` in `ccd`, from 1.
unsigned line_of(const std::string& ccd, std::string_view text) {
    const auto at = ccd.find(text);
    REQUIRE(at != std::string::npos);
    return static_cast<unsigned>(std::count(ccd.begin(), ccd.begin() + static_cast<std::ptrdiff_t>(at), '\n')) + 1;
}

void replace(std::string& s, std::string_view from, std::string_view to) {
    const auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    s.replace(at, from.size(), to);
}

TEST_CASE("a CloneCD image is refused with the line or byte offset and what was expected") {
    SUBCASE("scrambled data sectors") {
        CHECK(refusal([](auto& i) { replace(i.ccd, "DataTracksScrambled=0", "DataTracksScrambled=1"); }) ==
              "disc.ccd:6: DataTracksScrambled=1: scrambled data sectors are not loaded (expected 0)");
    }
    SUBCASE("TocEntries the sections contradict") {
        CHECK(refusal([](auto& i) { replace(i.ccd, "TocEntries=6", "TocEntries=7"); }) ==
              "disc.ccd:4: TocEntries=7, but the file has 6 [Entry] sections");
    }
    SUBCASE("Sessions the entries contradict") {
        CHECK(refusal([](auto& i) { replace(i.ccd, "Sessions=1", "Sessions=2"); }) ==
              "disc.ccd:5: Sessions=2, but the entries' last session is 1");
    }
    SUBCASE("CDTextLength that is not 18 bytes a pack") {
        const auto e = refusal([](auto& i) { replace(i.ccd, "CDTextLength=", "CDTextLength=1"); });
        CHECK(e.starts_with("disc.ccd:7: CDTextLength=1"));
        CHECK(e.find("(18 bytes a pack)") != std::string::npos);
    }
    SUBCASE("a line that is neither a section nor Name=Value") {
        CHECK(refusal([](auto& i) { replace(i.ccd, "PreGapSubC=0", "PreGapSubC"); }) ==
              "disc.ccd:" + std::to_string(line_of(SingleSession().ccd, "PreGapSubC")) +
                  ": expected a section in brackets or Name=Value");
    }
    SUBCASE("a section it does not know") {
        CHECK(refusal([](auto& i) {
                  replace(i.ccd, "[Session 1]", "[Sessions 1]");
              }).ends_with("[Sessions 1]: expected [CloneCD], [Disc], [CDText], [Session N], [Entry N] or [TRACK N]"));
    }
    SUBCASE("a track section without its number") {
        CHECK(refusal([](auto& i) {
                  replace(i.ccd, "[TRACK 2]", "[TRACK]");
              }).ends_with("[TRACK]: expected a number after the name"));
    }
    SUBCASE("a session without its lead-out") {
        CHECK(refusal([](auto& i) { replace(i.ccd, "Point=0xa2", "Point=0xb2"); }) ==
              "disc.ccd: session 1 has no A2 entry (its lead-out)");
    }
    SUBCASE("a session without A0") {
        CHECK(refusal([](auto& i) { replace(i.ccd, "Point=0xa0", "Point=0xb0"); }) ==
              "disc.ccd: session 1 has no A0 entry (its first track)");
    }
    SUBCASE("a PLBA that is not the entry's MSF") {
        CHECK(refusal([](auto& i) {
                  replace(i.ccd, "PLBA=250", "PLBA=251");
              }).ends_with(": PLBA=251, but PMin:PSec:PFrame 0:5:25 is LBA 250"));
    }
    SUBCASE("tracks not numbered from 1") {
        CHECK(refusal([](auto& i) {
                  replace(i.ccd, "Point=0x02", "Point=0x04");
              }).ends_with(": track 3: expected track 2 (tracks count from 1, in order)"));
    }
    SUBCASE("a bad ISRC") {
        CHECK(refusal([](auto& i) {
                  replace(i.ccd, "ISRC=USRC17607839", "ISRC=USRC1760783X");
              }).ends_with(": ISRC=USRC1760783X: expected 5 letters or digits, then 7 digits"));
    }
    SUBCASE("a bad catalogue number") {
        CHECK(refusal([](auto& i) { replace(i.ccd, "CATALOG=0123456789012", "CATALOG=12"); }) ==
              "disc.ccd:8: CATALOG=12: expected 13 digits");
    }
    SUBCASE("a pregap that reaches back into the track before") {
        CHECK(refusal([](auto& i) {
                  replace(i.ccd, "INDEX 0=100", "INDEX 0=0");
              }).ends_with(": track 2 at LBA 250 with a pregap of 250 blocks: expected it to start at LBA 1 or later"));
    }
    SUBCASE("an .img that is not whole sectors") {
        CHECK(refusal([](auto& i) { i.img.resize(i.img.size() - 1); }) ==
              "disc.img: 1528799 bytes: not whole 2352-byte sectors (2351 bytes over from byte offset 1526448)");
    }
    SUBCASE("an .img that is not the sectors the TOC lays out") {
        CHECK(refusal([](auto& i) { i.img.resize(i.img.size() - 2352); }) ==
              "disc.img: 649 sectors, but disc.ccd's TOC lays out 650: expected it to end at byte offset 1528800");
    }
    SUBCASE("a .sub that is not 96 bytes a sector") {
        CHECK(
            refusal([](auto& i) { i.sub.resize(i.sub.size() + 10); }) ==
            "disc.sub: 62410 bytes: expected 96 for each of the 650 sectors of disc.img, ending at byte offset 62400");
    }
    SUBCASE("a data track whose sector header and MODE say neither Mode 1 nor Mode 2") {
        CHECK(refusal([](auto& i) {
                  i.img[15] = 0;
                  replace(i.ccd, "MODE=1", "MODE=0");
              }) == "disc.img: track 1's first sector at byte offset 0 has mode byte 0, and [TRACK 1] gives no MODE=1 "
                    "or 2: expected a Mode 1 or Mode 2 data sector");
    }
}

} // namespace spindle::test::ccd_image

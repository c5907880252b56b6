// "rom from SHEET.cue": a CD laid out from a cue sheet and served from the files it names, in
// every sector format the loader takes; the layout checked against the sheet's own arithmetic
// (INDEX times are offsets in their file, 75 frames a second), the data against the files.
#include "emulator/images/cue_image.hpp"
#include "emulator/media/cd_sector.hpp"
#include "emulator/media/cd_text_strings.hpp"
#include "emulator/media/presets.hpp"
#include "persistence/persistence_fixture.hpp"
#include "write/write_fixture.hpp"

#include <fstream>

using namespace spindle;
using namespace spindle::test;

namespace {

std::vector<std::uint8_t> bytes_of(std::size_t n, unsigned seed) {
    std::vector<std::uint8_t> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::uint8_t>((i * 7 + seed * 13 + i / 251) & 0xFF);
    return v;
}

void write_file(const std::filesystem::path& p, const std::vector<std::uint8_t>& data) {
    std::ofstream f(p, std::ios::binary);
    f.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
}

void write_text(const std::filesystem::path& p, const std::string& text) { std::ofstream(p) << text; }

std::vector<std::uint8_t> slice(const std::vector<std::uint8_t>& v, std::size_t at, std::size_t n) {
    return {v.begin() + static_cast<std::ptrdiff_t>(at), v.begin() + static_cast<std::ptrdiff_t>(at + n)};
}

std::vector<std::uint8_t> whole_sectors(Writer& w, std::uint32_t lba, std::uint32_t count) {
    const auto r =
        w.run(scsi::cdb::read_cd(static_cast<std::int32_t>(lba), count, scsi::cdb::read_cd_main::whole_sector),
              std::size_t{count} * 2352);
    REQUIRE_MESSAGE(r.good(), r.sense() << " at " << lba);
    return r.data;
}

// A data track of 40 blocks (an ISO's), two audio tracks in one little-endian BIN: track 2 after
// a PREGAP of 2 s the file does not hold, track 3 with its 10-block pregap in the file (INDEX
// 00), flags, an ISRC and the disc's catalogue number.
struct MixedDisc {
    TempDir dir;
    std::vector<std::uint8_t> data = bytes_of(40 * 2048, 1), audio = bytes_of(300 * 2352, 2);
    MixedDisc() {
        write_file(dir / "data.iso", data);
        write_file(dir / "audio.bin", audio);
        write_text(dir / "disc.cue", "CATALOG 0123456789012\n"
                                     "REM COMMENT \"made by a test\"\n"
                                     "TITLE \"Album\"\n"
                                     "FILE \"data.iso\" BINARY\n"
                                     "  TRACK 01 MODE1/2048\n"
                                     "    INDEX 01 00:00:00\n"
                                     "FILE \"audio.bin\" BINARY\n"
                                     "  TRACK 02 AUDIO\n"
                                     "    ISRC USRC17607839\n"
                                     "    PREGAP 00:02:00\n"
                                     "    INDEX 01 00:00:00\n"
                                     "  TRACK 03 AUDIO\n"
                                     "    FLAGS DCP PRE\n"
                                     "    INDEX 00 00:02:00\n" // block 150 of the file
                                     "    INDEX 01 00:02:10\n");
    }
};

} // namespace

TEST_CASE("a cue sheet of a data and two audio tracks: the layout its INDEX, PREGAP and FLAGS give") {
    MixedDisc m;
    CHECK(is_cue_sheet(m.dir / "disc.cue"));
    CHECK_FALSE(is_cue_sheet(m.dir / "data.iso"));
    auto medium = make_medium("rom from " + (m.dir / "disc.cue").string());
    REQUIRE_MESSAGE(medium.has_value(), (medium ? "" : medium.error()));
    const Disc& d = (*medium)->disc;
    CHECK(d.kind == MediaKind::CdRom);
    CHECK(d.status == DiscStatus::Complete);
    REQUIRE(d.tracks.size() == 3);
    // Track 1: 40 blocks, then track 2's PREGAP (150) between them, before its INDEX 01.
    CHECK(d.tracks[0].start == 0);
    CHECK(d.tracks[0].size == 40);
    CHECK(d.tracks[0].track_mode == 0x4);
    CHECK(d.tracks[1].start == 40 + 150);
    CHECK(d.tracks[1].track_mode == 0x0);
    CHECK(d.tracks[1].isrc == "USRC17607839");
    // Track 2 runs to track 3's INDEX 00 (file block 150) and holds its 10-block pregap.
    CHECK(d.tracks[2].start == 190 + 160);
    CHECK(d.tracks[2].track_mode == 0x3); // pre-emphasis and copy permitted
    CHECK(d.tracks[2].size == 140);
    CHECK(d.capacity_blocks == 350 + 140);
    CHECK(d.mcn == "0123456789012");
    const auto text = cd::decode_text(d.cd_text); // TITLE before the first TRACK: the disc's
    CHECK(text.strings[0] == std::vector<std::string>{"Album", "", "", ""});
}

TEST_CASE("a loaded cue sheet reads back its files: READ(10) the data, READ CD the audio, the PREGAP silence") {
    MixedDisc m;
    Writer w("rom from " + (m.dir / "disc.cue").string());
    const auto r = w.read(0, 40);
    REQUIRE(r.good());
    CHECK(r.data == m.data);
    CHECK(whole_sectors(w, 190, 150) == slice(m.audio, 0, 150 * 2352));
    CHECK(whole_sectors(w, 350, 140) == slice(m.audio, 160 * 2352, 140 * 2352));
    CHECK(whole_sectors(w, 340, 10) == slice(m.audio, 150 * 2352, 10 * 2352)); // track 3's pregap
    const auto gap = whole_sectors(w, 40, 150);
    CHECK(std::all_of(gap.begin(), gap.end(), [](std::uint8_t b) { return b == 0; }));
}

TEST_CASE("MODE1/2352, MODE2/2352, MODE2/2336 and MOTOROLA: each read as the file holds it") {
    TempDir dir;
    // Whole Mode 1 sectors, XA Form 1 sectors whole and without sync and header, and big-endian audio.
    const auto user = bytes_of(20 * 2048, 3);
    std::vector<std::uint8_t> mode1, xa, xa_after;
    for (std::uint32_t i = 0; i < 20; ++i) {
        cd::RawSector s;
        cd::encode_mode1(static_cast<std::int32_t>(i), slice(user, i * 2048, 2048), s);
        mode1.insert(mode1.end(), s.begin(), s.end());
        cd::encode_xa(static_cast<std::int32_t>(20 + i), cd::Subheader{1, 0, 0x08, 0}, slice(user, i * 2048, 2048), s);
        xa.insert(xa.end(), s.begin(), s.end());
        cd::encode_xa(static_cast<std::int32_t>(40 + i), cd::Subheader{1, 0, 0x08, 0}, slice(user, i * 2048, 2048), s);
        xa_after.insert(xa_after.end(), s.begin() + 16, s.end());
    }
    auto big_endian = bytes_of(10 * 2352, 4);
    write_file(dir / "mode1.bin", mode1);
    write_file(dir / "xa.bin", xa);
    write_file(dir / "xa2336.bin", xa_after);
    write_file(dir / "audio.be", big_endian);
    write_text(dir / "d.cue", "FILE \"mode1.bin\" BINARY\n TRACK 01 MODE1/2352\n  INDEX 01 00:00:00\n"
                              "FILE \"xa.bin\" BINARY\n TRACK 02 MODE2/2352\n  INDEX 01 00:00:00\n"
                              "FILE \"xa2336.bin\" BINARY\n TRACK 03 MODE2/2336\n  INDEX 01 00:00:00\n"
                              "FILE \"audio.be\" MOTOROLA\n TRACK 04 AUDIO\n  INDEX 01 00:00:00\n");
    Writer w("rom from " + (dir / "d.cue").string());
    REQUIRE(w.disc().tracks.size() == 4);
    CHECK(w.disc().tracks[1].sectors == DataSectors::Xa);
    for (const std::uint32_t first : {0U, 20U, 40U}) {
        const auto r = w.read(first, 20);
        REQUIRE_MESSAGE(r.good(), r.sense() << " at " << first);
        CHECK(r.data == user);
    }
    CHECK(whole_sectors(w, 0, 20) == mode1);
    CHECK(whole_sectors(w, 20, 20) == xa);
    const auto rebuilt = whole_sectors(w, 40, 20); // sync and header made for the 2336-byte sectors
    for (std::uint32_t i = 0; i < 20; ++i) {
        CHECK(slice(rebuilt, i * 2352 + 16, 2336) == slice(xa_after, i * 2336, 2336));
        CHECK(rebuilt[i * 2352 + 15] == 2); // the header's mode byte
    }
    auto audio = whole_sectors(w, 60, 10);
    for (std::size_t i = 0; i + 1 < big_endian.size(); i += 2) std::swap(big_endian[i], big_endian[i + 1]);
    CHECK(audio == big_endian);
}

TEST_CASE("a bad cue sheet is refused naming the file, the line and what was expected; nothing is loaded") {
    TempDir dir;
    write_file(dir / "a.bin", bytes_of(10 * 2352, 5));
    const auto refused = [&](const std::string& sheet) {
        write_text(dir / "bad.cue", sheet);
        auto m = load_cue_image(dir / "bad.cue");
        REQUIRE_FALSE(m.has_value());
        return m.error();
    };
    const std::string at = (dir / "bad.cue").string();
    CHECK(refused("FILE \"a.bin\" BINARY\n TRACK 01 AUDIO\n  INDEX 01 00:00:75\n") ==
          at + ":3: time 00:00:75: expected MM:SS:FF, seconds below 60, frames below 75");
    CHECK(refused("FILE \"a.bin\" BINARY\n TRACK 01 CDG\n  INDEX 01 00:00:00\n") ==
          at + ":2: track mode CDG: expected AUDIO, MODE1/2048, MODE1/2352, MODE2/2336 or MODE2/2352 (CDG and CDI are "
               "not loaded)");
    CHECK(refused("FILE \"a.bin\" MP3\n") ==
          at + ":1: FILE type MP3: expected BINARY, MOTOROLA or WAVE (convert AIFF, MP3 or FLAC to WAVE first)");
    CHECK(refused("FILE \"a.bin\" BINARY\n TRACK 01 AUDIO\n  INDEXX 01 00:00:00\n") ==
          at + ":3: unknown command INDEXX");
    CHECK(refused("REM SESSION 01\nFILE \"a.bin\" BINARY\n TRACK 01 AUDIO\n  INDEX 01 00:00:00\nREM SESSION 03\n") ==
          at + ":5: expected REM SESSION 02: sessions are numbered from 01 up by one");
    CHECK(refused("REM SESSION 01\nFILE \"a.bin\" BINARY\n TRACK 01 AUDIO\n  INDEX 01 00:00:00\nREM SESSION 02\n") ==
          at + ": session 2 has no track");
    CHECK(refused("REM SESSION 01\nREM SESSION 02\nFILE \"a.bin\" BINARY\n TRACK 01 AUDIO\n  INDEX 01 00:00:00\n") ==
          at + ":2: REM SESSION 02: session 1 has no track");
    CHECK(refused("FILE \"a.bin\" BINARY\n TRACK 01 AUDIO\n  INDEX 01 00:00:00\nREM LEAD-OUT 00:61:00\n") ==
          at + ":4: expected REM LEAD-OUT MM:SS:FF, seconds below 60, frames below 75");
    CHECK(refused("FILE \"a.bin\" BINARY\n TRACK 01 AUDIO\n  ISRC US123\n  INDEX 01 00:00:00\n") ==
          at + ":3: expected ISRC CCOOOYYSSSSS: 5 letters or digits, then 7 digits");
    CHECK(refused("FILE \"none.bin\" BINARY\n TRACK 01 AUDIO\n  INDEX 01 00:00:00\n").find("none.bin") !=
          std::string::npos);
    CHECK(refused("FILE \"a.bin\" BINARY\n TRACK 01 MODE1/2048\n  INDEX 01 00:00:00\n") ==
          at + ": track 1: a.bin holds 23520 bytes from its start: not whole 2048-byte sectors");
    CHECK(refused("FILE \"a.bin\" BINARY\n TRACK 01 AUDIO\n  INDEX 01 00:00:20\n") ==
          at + ": track 1: starts past the end of a.bin");
    CHECK(refused("FILE \"a.bin\" BINARY\n TRACK 01 AUDIO\n  INDEX 00 00:00:00\n  INDEX 01 00:00:10\n") ==
          at + ": track 1: no block from INDEX 01 on");
}

// "rom from SHEET.cue": a CD laid out from a cue sheet and served from the files it names, in
// every sector format the loader takes; the layout checked against the sheet's own arithmetic
// (INDEX times are offsets in their file, 75 frames a second), the data against the files.
#include "emulator/images/cue_image.hpp"
#include "emulator/media/cd_text_strings.hpp"
#include "emulator/media/presets.hpp"
#include "images/image_fixture.hpp"
#include "persistence/persistence_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

namespace {

// A data track of 40 blocks (an ISO's), two audio tracks in one little-endian BIN: track 2 after
// a PREGAP of 2 s the file does not hold, track 3 with its 10-block pregap in the file (INDEX
// 00), flags, an ISRC and the disc's catalogue number.
struct MixedDisc {
    TempDir dir;
    Bytes data = seeded_bytes(40 * 2048, 1), audio = seeded_bytes(300 * 2352, 2);
    MixedDisc() {
        write_file(dir / "data.iso", data);
        write_file(dir / "audio.bin", audio);
        spit(dir / "disc.cue", "CATALOG 0123456789012\n"
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
    const DataTracks data;
    const auto big_endian = seeded_bytes(10 * 2352, 4);
    write_file(dir / "mode1.bin", data.mode1);
    write_file(dir / "xa.bin", data.xa);
    write_file(dir / "xa2336.bin", data.xa_after);
    write_file(dir / "audio.be", big_endian);
    spit(dir / "d.cue", "FILE \"mode1.bin\" BINARY\n TRACK 01 MODE1/2352\n  INDEX 01 00:00:00\n"
                        "FILE \"xa.bin\" BINARY\n TRACK 02 MODE2/2352\n  INDEX 01 00:00:00\n"
                        "FILE \"xa2336.bin\" BINARY\n TRACK 03 MODE2/2336\n  INDEX 01 00:00:00\n"
                        "FILE \"audio.be\" MOTOROLA\n TRACK 04 AUDIO\n  INDEX 01 00:00:00\n");
    Writer w("rom from " + (dir / "d.cue").string());
    REQUIRE(w.disc().tracks.size() == 4);
    CHECK(w.disc().tracks[1].sectors == DataSectors::Xa);
    data.check_reads(w);
    CHECK(whole_sectors(w, 60, 10) == swapped(big_endian));
}

TEST_CASE("a bad cue sheet is refused naming the file, the line and what was expected; nothing is loaded") {
    TempDir dir;
    write_file(dir / "a.bin", seeded_bytes(10 * 2352, 5));
    const auto refused = [&](const std::string& sheet) {
        spit(dir / "bad.cue", sheet);
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

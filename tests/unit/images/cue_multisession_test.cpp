// Multisession cue sheets, as redump writes them (`REM SESSION NN`, one BIN per track) and as
// single-file dumpers do (one BIN without the gap between sessions, `REM LEAD-OUT`): each later
// session starts after the lead-out, the next lead-in and its pregap (11400 blocks after the
// first session, 6900 after later ones), as the drive lays out sessions it burns. READ TOC's
// session formats and the blocks of every session agree with the sheet; the export writes the
// sessions back and loads as the same disc.
#include "emulator/images/cue_export.hpp"
#include "emulator/images/cue_image.hpp"
#include "emulator/media/presets.hpp"
#include "images/image_fixture.hpp"
#include "persistence/persistence_fixture.hpp"

#include <fstream>

using namespace spindle;
using namespace spindle::test;

namespace spindle::test::cue_multisession {

// Session 1: a Mode 1 track of 40 blocks and an audio track of 30; session 2: a Mode 1 track
// of 20 blocks; session 3: one of 10. One BIN per track, redump's form.
struct ThreeSessions {
    TempDir dir;
    Bytes one = seeded_bytes(40 * 2048, 1), audio = seeded_bytes(30 * 2352, 2), two = seeded_bytes(20 * 2048, 3),
          three = seeded_bytes(10 * 2048, 4);
    ThreeSessions() {
        write_file(dir / "1.bin", one);
        write_file(dir / "2.bin", audio);
        write_file(dir / "3.bin", two);
        write_file(dir / "4.bin", three);
        std::ofstream(dir / "disc.cue") << "REM SESSION 01\n"
                                           "FILE \"1.bin\" BINARY\n  TRACK 01 MODE1/2048\n    INDEX 01 00:00:00\n"
                                           "FILE \"2.bin\" BINARY\n  TRACK 02 AUDIO\n    INDEX 01 00:00:00\n"
                                           "REM SESSION 02\n"
                                           "FILE \"3.bin\" BINARY\n  TRACK 03 MODE1/2048\n    INDEX 01 00:00:00\n"
                                           "REM SESSION 03\n"
                                           "FILE \"4.bin\" BINARY\n  TRACK 04 MODE1/2048\n    INDEX 01 00:00:00\n";
    }
};

} // namespace spindle::test::cue_multisession

using namespace spindle::test::cue_multisession;

TEST_CASE("a redump multisession cue: each session after the gap a burned disc has, read back from its BIN") {
    ThreeSessions s;
    Writer w("rom from " + (s.dir / "disc.cue").string());
    const Disc& d = w.t->drive.state().medium->disc;
    REQUIRE(d.tracks.size() == 4);
    CHECK(d.session_count() == 3);
    CHECK(d.tracks[1].start == 40);
    CHECK(d.tracks[2].session == 2);
    CHECK(d.tracks[2].start == 70 + 11400); // the first session's lead-out, the lead-in, the pregap
    CHECK(d.tracks[3].session == 3);
    CHECK(d.tracks[3].start == 70 + 11400 + 20 + 6900); // a later session's lead-out is 2250 blocks
    CHECK(user_data(w, 0, 40) == s.one);
    CHECK(user_data(w, 11470, 20) == s.two);
    CHECK(user_data(w, 18390, 10) == s.three);
    // READ TOC format 1: the first track of the last session and where it starts.
    const auto session_info = toc_answer(w, scsi::cdb::toc_format::session_info);
    CHECK(session_info[3] == 3);
    CHECK(session_info[6] == 4);
    CHECK(scsi::get_be32(session_info, 8) == 18390);
}

TEST_CASE("a single-file multisession cue: the BIN holds no gap, REM LEAD-OUT marks where its session ends") {
    TempDir dir;
    const auto data = seeded_bytes(60 * 2352, 5);
    write_file(dir / "disc.bin", data);
    std::ofstream(dir / "disc.cue") << "FILE \"disc.bin\" BINARY\n"
                                       "REM SESSION 01\n  TRACK 01 MODE1/2352\n    INDEX 01 00:00:00\n"
                                       "REM LEAD-OUT 00:00:40\n"
                                       "REM SESSION 02\n  TRACK 02 MODE1/2352\n    INDEX 01 00:00:40\n";
    Writer w("rom from " + (dir / "disc.cue").string());
    const Disc& d = w.t->drive.state().medium->disc;
    REQUIRE(d.tracks.size() == 2);
    CHECK(d.tracks[0].size == 40);
    CHECK(d.tracks[1].start == 40 + 11400);
    // A Mode 1 sector's user data is its bytes 16 to 2063.
    const auto second = user_data(w, 40 + 11400, 20);
    for (std::size_t block = 0; block < 20; ++block) {
        const auto sector = data.begin() + static_cast<std::ptrdiff_t>((40 + block) * 2352 + 16);
        CHECK(std::equal(sector, sector + 2048, second.begin() + static_cast<std::ptrdiff_t>(block * 2048)));
    }
}

TEST_CASE("a multisession disc exports with its sessions and loads as the same disc") {
    ThreeSessions s;
    Writer w("rom from " + (s.dir / "disc.cue").string());
    auto& medium = *w.t->drive.state().medium;
    TempDir out;
    auto exported = export_cue(medium.disc, *medium.store, out / "copy.cue");
    REQUIRE_MESSAGE(exported.has_value(), (exported ? "" : exported.error()));
    std::ifstream sheet(out / "copy.cue");
    const std::string text((std::istreambuf_iterator<char>(sheet)), std::istreambuf_iterator<char>());
    CHECK(text.find("REM SESSION 03\n") != std::string::npos);
    CHECK(text.find("PREGAP") == std::string::npos); // the gaps between sessions are implied
    Writer back("rom from " + (out / "copy.cue").string());
    for (const auto format :
         {scsi::cdb::toc_format::toc, scsi::cdb::toc_format::session_info, scsi::cdb::toc_format::full_toc})
        CHECK(toc_answer(back, format) == toc_answer(w, format));
    CHECK(user_data(back, 11470, 20) == s.two);
    CHECK(user_data(back, 18390, 10) == s.three);
}

TEST_CASE("a session opened with more pregap in its file than a session's 150 blocks is refused") {
    TempDir dir;
    write_file(dir / "a.bin", seeded_bytes(10 * 2048, 6));
    write_file(dir / "b.bin", seeded_bytes(200 * 2048, 7));
    std::ofstream(dir / "bad.cue") << "FILE \"a.bin\" BINARY\n  TRACK 01 MODE1/2048\n    INDEX 01 00:00:00\n"
                                      "REM SESSION 02\n"
                                      "FILE \"b.bin\" BINARY\n  TRACK 02 MODE1/2048\n    INDEX 00 00:00:00\n"
                                      "    INDEX 01 00:02:10\n";
    auto m = load_cue_image(dir / "bad.cue");
    REQUIRE_FALSE(m.has_value());
    CHECK(m.error() ==
          (dir / "bad.cue").string() +
              ": track 2: opens session 2 with 160 blocks before INDEX 01: expected at most 150, its pregap");
}

// A disc exported as a cue sheet and its BINs (images/cue_export.hpp) loads again as the same
// disc: the TOC, every readable sector as READ CD returns it, the catalogue number and ISRCs.
// Both a loaded image and a disc a drive burned (Track At Once: a data track with its run-out,
// then an audio track after the pause).
#include "emulator/images/cue_export.hpp"
#include "emulator/media/presets.hpp"
#include "images/image_fixture.hpp"
#include "persistence/persistence_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

namespace spindle::test::cue_export {

std::vector<std::uint8_t> subchannel(Writer& w, int format, int track) {
    const auto r = w.run(bytes({0x42, 0, 0x40, format, 0, 0, track, 0, 24, 0}), 24); // READ SUB-CHANNEL, SubQ, 24 bytes
    REQUIRE(r.good());
    return r.data;
}

// Exports the disc in `w` to DIR/copy.cue and loads it in a new drive: both say the same.
void check_round_trip(Writer& w, const TempDir& dir) {
    auto& medium = *w.t->drive.state().medium;
    auto exported = export_cue(medium.disc, *medium.store, dir / "copy.cue");
    REQUIRE_MESSAGE(exported.has_value(), (exported ? "" : exported.error()));
    CHECK(exported->files.size() == 1 + medium.disc.tracks.size());
    Writer back("rom from " + (dir / "copy.cue").string());
    CHECK(toc_answer(back, scsi::cdb::toc_format::toc) == toc_answer(w, scsi::cdb::toc_format::toc));
    const auto cd_text = [](Writer& d) {
        return d.run(scsi::cdb::read_toc(scsi::cdb::toc_format::cd_text, 0, 0xFFFF), 0xFFFF).data;
    };
    CHECK(cd_text(back) == cd_text(w));
    CHECK(subchannel(back, 2, 0) == subchannel(w, 2, 0));
    for (const auto& t : medium.disc.tracks) {
        CHECK(subchannel(back, 3, t.number) == subchannel(w, 3, t.number));
        const std::uint32_t n = t.readable_end() - t.start;
        for (std::uint32_t at = t.start; at < t.start + n; at += 50) {
            const std::uint32_t count = std::min<std::uint32_t>(50, t.start + n - at);
            CHECK_MESSAGE(whole_sectors(back, at, count) == whole_sectors(w, at, count),
                          "track " << t.number << " at " << at);
        }
    }
    for (const auto& f : std::filesystem::directory_iterator(dir.path)) // nothing half-written is left
        CHECK(f.path().extension() != ".partial");
}

TEST_CASE("a loaded cue sheet exports to one that loads as the same disc") {
    TempDir dir;
    write_file(dir / "data.iso", seeded_bytes(40 * 2048, 1));
    write_file(dir / "audio.bin", seeded_bytes(300 * 2352, 2));
    spit(dir / "disc.cue", "CATALOG 0123456789012\nTITLE \"Album\"\nPERFORMER 'The \"Band\"'\n"
                           "FILE \"data.iso\" BINARY\n TRACK 01 MODE1/2048\n  TITLE Data\n"
                           "  INDEX 01 00:00:00\nFILE \"audio.bin\" BINARY\n TRACK 02 AUDIO\n"
                           "  ISRC USRC17607839\n  PREGAP 00:02:00\n  INDEX 01 00:00:00\n"
                           " TRACK 03 AUDIO\n  FLAGS DCP PRE\n  INDEX 00 00:02:00\n  INDEX 01 00:02:10\n");
    TempDir out;
    Writer w("rom from " + (dir / "disc.cue").string());
    check_round_trip(w, out);
}

TEST_CASE("a CD burned Track At Once (data with its run-out, audio after the pause) exports as it reads") {
    Writer w("blank cd-r");
    burn_track_at_once(w, seeded_bytes(200 * 2352, 3));
    REQUIRE(w.disc().tracks[0].run_out > 0); // the gap the export turns into a PREGAP
    TempDir out;
    check_round_trip(w, out);
}

TEST_CASE("export refuses what a cue sheet cannot hold, and leaves nothing behind") {
    TempDir out;
    Writer dvd("closed dvd+r");
    auto& m = *dvd.t->drive.state().medium;
    auto refused = export_cue(m.disc, *m.store, out / "x.cue");
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error() == "a dvd+r is not a CD: a cue sheet holds CD tracks");
    Writer blank("blank cd-r");
    auto& b = *blank.t->drive.state().medium;
    CHECK(export_cue(b.disc, *b.store, out / "x.cue").error() == "the disc has no recorded track to export");
    CHECK(std::filesystem::is_empty(out.path));

    // A CD-Text string no quote holds: libcue would read the lines after it as part of it.
    TempDir dir;
    write_file(dir / "audio.bin", seeded_bytes(100 * 2352, 4));
    for (const std::string title : {R"(ends in \\)", R"(both \" and ')"}) { // as a toc file escapes them
        CAPTURE(title);
        spit(dir / "disc.toc", "CD_DA\nCD_TEXT { LANGUAGE_MAP { 0 : EN }\n LANGUAGE 0 { TITLE \"" + title +
                                   "\" } }\nTRACK AUDIO\nFILE \"audio.bin\" 0\n");
        Writer text("rom from " + (dir / "disc.toc").string());
        auto& t = *text.t->drive.state().medium;
        const auto quoted = export_cue(t.disc, *t.store, out / "x.cue");
        REQUIRE_FALSE(quoted.has_value());
        CHECK(quoted.error().find("a cue sheet cannot hold it") != std::string::npos);
        CHECK(std::filesystem::is_empty(out.path));
    }
}

} // namespace spindle::test::cue_export

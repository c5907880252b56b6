// A disc exported as a cdrdao toc file and its BIN (images/toc_export.hpp) loads again as the
// same disc: the TOC, every readable sector as READ CD returns it, the catalogue number, ISRCs
// and CD-Text; the BIN holds audio big-endian, as cdrdao's raw files do. Both a loaded toc of
// every mode the export writes and a disc a drive burned Track At Once.
#include "emulator/images/disc_image.hpp"
#include "emulator/images/toc_export.hpp"
#include "emulator/media/presets.hpp"
#include "images/image_fixture.hpp"
#include "persistence/persistence_fixture.hpp"

#include <fstream>

using namespace spindle;
using namespace spindle::test;

namespace spindle::test::toc_export {

template <typename Cdb>
std::vector<std::uint8_t> answer(Writer& w, const Cdb& cdb, std::size_t size) {
    const auto r = w.run(cdb, size);
    REQUIRE(r.good());
    return r.data;
}

// Exports the disc in `w` to DIR/copy.toc and loads it in a new drive: both say the same.
void check_round_trip(Writer& w, const TempDir& dir) {
    auto& medium = *w.t->drive.state().medium;
    auto exported = export_disc_image(medium.disc, *medium.store, dir / "copy.toc");
    REQUIRE_MESSAGE(exported.has_value(), (exported ? "" : exported.error()));
    CHECK(exported->files == std::vector<std::filesystem::path>{dir / "copy.toc", dir / "copy.bin"});
    CHECK(std::filesystem::file_size(dir / "copy.bin") == exported->bytes);
    Writer back("rom from " + (dir / "copy.toc").string());
    CHECK(back.disc() == w.disc());
    CHECK(answer(back, scsi::cdb::read_toc(scsi::cdb::toc_format::toc, 0, 804), 804) ==
          answer(w, scsi::cdb::read_toc(scsi::cdb::toc_format::toc, 0, 804), 804));
    CHECK(answer(back, scsi::cdb::read_toc(scsi::cdb::toc_format::cd_text, 0, 0xFFFF), 0xFFFF) ==
          answer(w, scsi::cdb::read_toc(scsi::cdb::toc_format::cd_text, 0, 0xFFFF), 0xFFFF));
    for (const auto& t : medium.disc.tracks) {
        const auto isrc = bytes({0x42, 0, 0x40, 3, 0, 0, static_cast<int>(t.number), 0, 24, 0});
        CHECK(answer(back, isrc, 24) == answer(w, isrc, 24));
        for (std::uint32_t at = t.start; at < t.readable_end(); at += 100) {
            const std::uint32_t count = std::min<std::uint32_t>(100, t.readable_end() - at);
            CHECK_MESSAGE(whole_sectors(back, at, count) == whole_sectors(w, at, count),
                          "track " << t.number << " at " << at);
        }
    }
    const auto mcn = bytes({0x42, 0, 0x40, 2, 0, 0, 0, 0, 24, 0});
    CHECK(answer(back, mcn, 24) == answer(w, mcn, 24));
    for (const auto& f : std::filesystem::directory_iterator(dir.path)) CHECK(f.path().extension() != ".partial");
}

TEST_CASE("a loaded toc of every exported mode exports to a toc that loads as the same disc") {
    TempDir dir;
    write_file(dir / "data.iso", seeded_bytes(300 * 2048, 1));
    write_file(dir / "audio.cdr", seeded_bytes(600 * 2352, 2));
    write_file(dir / "xa.bin", xa_sectors(0, seeded_bytes(300 * 2048, 3), 16));
    std::ofstream(dir / "disc.toc")
        << "CD_ROM_XA\nCATALOG \"0123456789012\"\n"
           "CD_TEXT { LANGUAGE_MAP { 0 : EN } LANGUAGE 0 { TITLE \"Album \\\"Q\\\" \\\\ \\351t\\351\" PERFORMER "
           "\"Band\" } }\n"
           "TRACK MODE1\nCD_TEXT { LANGUAGE 0 { TITLE \"Data\" } }\nDATAFILE \"data.iso\"\n"
           "TRACK AUDIO\nISRC \"USRC17607839\"\nCD_TEXT { LANGUAGE 0 { TITLE \"Song\" } }\n"
           "PREGAP 00:02:00\nFILE \"audio.cdr\" 0 00:04:00\n"
           "TRACK AUDIO\nCOPY\nPRE_EMPHASIS\nFOUR_CHANNEL_AUDIO\nFILE \"audio.cdr\" 00:04:00\nSTART 00:00:10\n"
           "TRACK MODE2_FORM_MIX\nZERO 00:02:00\nSTART\nDATAFILE \"xa.bin\"\n"
           "TRACK MODE2\nPREGAP 00:02:00\nDATAFILE \"xa.bin\"\n";
    Writer w("rom from " + (dir / "disc.toc").string());
    TempDir out;
    check_round_trip(w, out);
    // cdrdao's reading of it: the audio big-endian in the BIN, as the source file.
    const auto text = slurp(out / "copy.toc");
    CHECK(text.starts_with("CD_ROM_XA\nCATALOG \"0123456789012\"\n"));
    CHECK(text.find("TITLE \"Album \\\"Q\\\" \\\\ \\351t\\351\"") != std::string::npos);
    CHECK(text.find("TRACK MODE2_RAW\n") != std::string::npos);
    CHECK(text.find("TRACK MODE2\n") != std::string::npos);
    CHECK(text.find("COPY\nPRE_EMPHASIS\nFOUR_CHANNEL_AUDIO\n") != std::string::npos);
    CHECK(slice(read_file(out / "copy.bin"), 300 * 2048, 300 * 2352) == seeded_bytes(300 * 2352, 2));
}

TEST_CASE("a CD burned Track At Once (data with its run-out, audio after the pause) exports to a toc as it reads") {
    Writer w("blank cd-r");
    const auto nwa = burn_track_at_once(w, seeded_bytes(200 * 2352, 4));
    REQUIRE(w.disc().tracks[0].run_out > 0);
    auto& medium = *w.t->drive.state().medium;
    TempDir out;
    auto exported = export_toc(medium.disc, *medium.store, out / "burned.toc");
    REQUIRE_MESSAGE(exported.has_value(), (exported ? "" : exported.error()));
    Writer back("rom from " + (out / "burned.toc").string());
    REQUIRE(back.disc().tracks.size() == 2);
    for (std::size_t i = 0; i < 2; ++i) CHECK(back.disc().tracks[i].start == w.disc().tracks[i].start);
    CHECK(whole_sectors(back, 0, 300) == whole_sectors(w, 0, 300));
    CHECK(whole_sectors(back, nwa, 200) == whole_sectors(w, nwa, 200));
}

TEST_CASE("toc export refuses what a toc file cannot hold, and leaves nothing behind") {
    TempDir out;
    Writer dvd("closed dvd+r");
    auto& m = *dvd.t->drive.state().medium;
    CHECK(export_toc(m.disc, *m.store, out / "x.toc").error() == "a dvd+r is not a CD: a toc file holds CD tracks");
    Writer blank("blank cd-r");
    auto& b = *blank.t->drive.state().medium;
    CHECK(export_toc(b.disc, *b.store, out / "x.toc").error() == "the disc has no recorded track to export");
    CHECK(std::filesystem::is_empty(out.path));
    CHECK(exported_name(out / "x.toc"));
    CHECK(export_extensions().find(".toc") != std::string::npos);
}

} // namespace spindle::test::toc_export

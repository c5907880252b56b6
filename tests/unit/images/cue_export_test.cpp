// A disc exported as a cue sheet and its BINs (images/cue_export.hpp) loads again as the same
// disc: the TOC, every readable sector as READ CD returns it, the catalogue number and ISRCs.
// Both a loaded image and a disc a drive burned (Track At Once: a data track with its run-out,
// then an audio track after the pause).
#include "emulator/images/cue_export.hpp"
#include "emulator/media/presets.hpp"
#include "persistence/persistence_fixture.hpp"
#include "write/write_fixture.hpp"

#include <fstream>

using namespace spindle;
using namespace spindle::test;

namespace spindle::test::cue_export {

std::vector<std::uint8_t> sectors(Writer& w, std::uint32_t lba, std::uint32_t count) {
    const auto r =
        w.run(scsi::cdb::read_cd(static_cast<std::int32_t>(lba), count, scsi::cdb::read_cd_main::whole_sector),
              std::size_t{count} * 2352);
    REQUIRE_MESSAGE(r.good(), r.sense() << " at " << lba);
    return r.data;
}

std::vector<std::uint8_t> toc(Writer& w) {
    const auto r = w.run(scsi::cdb::read_toc(scsi::cdb::toc_format::toc, 0, 804), 804);
    REQUIRE(r.good());
    return r.data;
}

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
    CHECK(toc(back) == toc(w));
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
            CHECK_MESSAGE(sectors(back, at, count) == sectors(w, at, count), "track " << t.number << " at " << at);
        }
    }
    for (const auto& f : std::filesystem::directory_iterator(dir.path)) // nothing half-written is left
        CHECK(f.path().extension() != ".partial");
}

std::vector<std::uint8_t> audio_blocks(unsigned seed, std::size_t blocks) {
    std::vector<std::uint8_t> v(blocks * 2352);
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = static_cast<std::uint8_t>((i * 5 + seed * 29 + i / 977) & 0xFF);
    return v;
}

TEST_CASE("a loaded cue sheet exports to one that loads as the same disc") {
    TempDir dir;
    const auto data = audio_blocks(1, 40 * 2048 / 2352 + 1);
    {
        std::ofstream(dir / "data.iso", std::ios::binary).write(reinterpret_cast<const char*>(data.data()), 40 * 2048);
        const auto audio = audio_blocks(2, 300);
        std::ofstream(dir / "audio.bin", std::ios::binary)
            .write(reinterpret_cast<const char*>(audio.data()), static_cast<std::streamsize>(audio.size()));
        std::ofstream(dir / "disc.cue")
            << "CATALOG 0123456789012\nTITLE \"Album\"\nPERFORMER 'The \"Band\"'\n"
               "FILE \"data.iso\" BINARY\n TRACK 01 MODE1/2048\n  TITLE Data\n"
               "  INDEX 01 00:00:00\nFILE \"audio.bin\" BINARY\n TRACK 02 AUDIO\n"
               "  ISRC USRC17607839\n  PREGAP 00:02:00\n  INDEX 01 00:00:00\n"
               " TRACK 03 AUDIO\n  FLAGS DCP PRE\n  INDEX 00 00:02:00\n  INDEX 01 00:02:10\n";
    }
    TempDir out;
    Writer w("rom from " + (dir / "disc.cue").string());
    check_round_trip(w, out);
}

TEST_CASE("a CD burned Track At Once (data with its run-out, audio after the pause) exports as it reads") {
    Writer w("blank cd-r");
    const auto tao = [&](bool audio) {
        return w.set_write_parameters([&](std::span<std::uint8_t> p) {
            p[2] = static_cast<std::uint8_t>((p[2] & 0xE0) | 0x01);
            p[3] = audio ? 0x0 : 0x4;
            p[4] = audio ? 0x00 : 0x08;
        });
    };
    REQUIRE(tao(false).good());
    REQUIRE(w.write(0, 300).good());
    REQUIRE(w.close(1, 1).good());
    REQUIRE(tao(true).good());
    const auto nwa = w.disc().tracks.back().start;
    const auto audio = audio_blocks(3, 200);
    REQUIRE(w.run(scsi::cdb::write10(nwa, 200), 0, audio).good());
    REQUIRE(w.close(2).good());
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
}

} // namespace spindle::test::cue_export

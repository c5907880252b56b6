// A disc exported as a cdrdao toc file and its BIN (images/toc_export.hpp) loads again as the
// same disc: the TOC, every readable sector as READ CD returns it, the catalogue number, ISRCs
// and CD-Text; the BIN holds audio big-endian, as cdrdao's raw files do. Both a loaded toc of
// every mode the export writes and a disc a drive burned Track At Once.
#include "emulator/images/disc_image.hpp"
#include "emulator/images/toc_export.hpp"
#include "emulator/media/cd_sector.hpp"
#include "emulator/media/presets.hpp"
#include "persistence/persistence_fixture.hpp"
#include "write/write_fixture.hpp"

#include <fstream>
#include <sstream>

using namespace spindle;
using namespace spindle::test;

namespace spindle::test::toc_export {

std::vector<std::uint8_t> sectors(Writer& w, std::uint32_t lba, std::uint32_t count) {
    const auto r =
        w.run(scsi::cdb::read_cd(static_cast<std::int32_t>(lba), count, scsi::cdb::read_cd_main::whole_sector),
              std::size_t{count} * 2352);
    REQUIRE_MESSAGE(r.good(), r.sense() << " at " << lba);
    return r.data;
}

template <typename Cdb>
std::vector<std::uint8_t> answer(Writer& w, const Cdb& cdb, std::size_t size) {
    const auto r = w.run(cdb, size);
    REQUIRE(r.good());
    return r.data;
}

std::vector<std::uint8_t> pattern(unsigned seed, std::size_t n) {
    std::vector<std::uint8_t> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::uint8_t>((i * 3 + seed * 31 + i / 733) & 0xFF);
    return v;
}

void write_file(const std::filesystem::path& p, const std::vector<std::uint8_t>& data) {
    std::ofstream(p, std::ios::binary)
        .write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
}

std::string read_text(const std::filesystem::path& p) {
    std::ostringstream s;
    s << std::ifstream(p).rdbuf();
    return s.str();
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
            CHECK_MESSAGE(sectors(back, at, count) == sectors(w, at, count), "track " << t.number << " at " << at);
        }
    }
    const auto mcn = bytes({0x42, 0, 0x40, 2, 0, 0, 0, 0, 24, 0});
    CHECK(answer(back, mcn, 24) == answer(w, mcn, 24));
    for (const auto& f : std::filesystem::directory_iterator(dir.path)) CHECK(f.path().extension() != ".partial");
}

TEST_CASE("a loaded toc of every exported mode exports to a toc that loads as the same disc") {
    TempDir dir;
    write_file(dir / "data.iso", pattern(1, 300 * 2048));
    write_file(dir / "audio.cdr", pattern(2, 600 * 2352));
    std::vector<std::uint8_t> xa;
    const auto user = pattern(3, 2048);
    for (std::int32_t i = 0; i < 300; ++i) {
        cd::RawSector s;
        cd::encode_xa(i, cd::Subheader{1, 0, 0x08, 0}, user, s);
        xa.insert(xa.end(), s.begin() + 16, s.end());
    }
    write_file(dir / "xa.bin", xa);
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
    const auto text = read_text(out / "copy.toc");
    CHECK(text.starts_with("CD_ROM_XA\nCATALOG \"0123456789012\"\n"));
    CHECK(text.find("TITLE \"Album \\\"Q\\\" \\\\ \\351t\\351\"") != std::string::npos);
    CHECK(text.find("TRACK MODE2_RAW\n") != std::string::npos);
    CHECK(text.find("TRACK MODE2\n") != std::string::npos);
    CHECK(text.find("COPY\nPRE_EMPHASIS\nFOUR_CHANNEL_AUDIO\n") != std::string::npos);
    std::ifstream bin(out / "copy.bin", std::ios::binary);
    std::vector<std::uint8_t> audio(300 * 2352);
    bin.seekg(300 * 2048);
    bin.read(reinterpret_cast<char*>(audio.data()), static_cast<std::streamsize>(audio.size()));
    const auto source = pattern(2, 300 * 2352);
    CHECK(audio == source);
}

TEST_CASE("a CD burned Track At Once (data with its run-out, audio after the pause) exports to a toc as it reads") {
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
    REQUIRE(w.run(scsi::cdb::write10(nwa, 200), 0, pattern(4, 200 * 2352)).good());
    REQUIRE(w.close(2).good());
    REQUIRE(w.disc().tracks[0].run_out > 0);
    auto& medium = *w.t->drive.state().medium;
    TempDir out;
    auto exported = export_toc(medium.disc, *medium.store, out / "burned.toc");
    REQUIRE_MESSAGE(exported.has_value(), (exported ? "" : exported.error()));
    Writer back("rom from " + (out / "burned.toc").string());
    REQUIRE(back.disc().tracks.size() == 2);
    for (std::size_t i = 0; i < 2; ++i) CHECK(back.disc().tracks[i].start == w.disc().tracks[i].start);
    CHECK(sectors(back, 0, 300) == sectors(w, 0, 300));
    CHECK(sectors(back, nwa, 200) == sectors(w, nwa, 200));
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

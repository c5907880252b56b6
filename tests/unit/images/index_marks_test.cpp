// Index marks (INDEX 02 and on) in cue sheets, cdrdao toc files and CloneCD descriptors: kept
// where each format puts them, served in Q, written back by each exporter; an NRG's CUEX
// entries of index 2 and on too.
#include "emulator/images/ccd_export.hpp"
#include "emulator/images/ccd_image.hpp"
#include "emulator/images/cue_export.hpp"
#include "emulator/images/cue_image.hpp"
#include "emulator/images/toc_export.hpp"
#include "emulator/images/toc_image.hpp"
#include "emulator/media/presets.hpp"
#include "images/nrg_builder.hpp"
#include "persistence/persistence_fixture.hpp"
#include "write/write_fixture.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

using namespace spindle;
using namespace spindle::test;

namespace index_marks_images {

void put_text(const std::filesystem::path& p, const std::string& text) { std::ofstream(p) << text; }

std::string text_of(const std::filesystem::path& p) {
    std::ostringstream s;
    s << std::ifstream(p).rdbuf();
    return s.str();
}

// Two audio tracks of 100 and 80 blocks in one BIN; the first has index 2 at block 30 and 3 at
// block 60, the second index 2 at its block 10 (the file's 110).
struct MarkedCue {
    TempDir dir;
    MarkedCue() {
        std::ofstream(dir / "audio.bin", std::ios::binary) << std::string(180 * 2352, '\x11');
        put_text(dir / "disc.cue", "FILE \"audio.bin\" BINARY\n"
                                   "  TRACK 01 AUDIO\n"
                                   "    INDEX 01 00:00:00\n"
                                   "    INDEX 02 00:00:30\n"
                                   "    INDEX 03 00:00:60\n"
                                   "  TRACK 02 AUDIO\n"
                                   "    INDEX 01 00:01:25\n"
                                   "    INDEX 02 00:01:35\n");
    }
};

std::unique_ptr<Medium> loaded(const std::filesystem::path& p) {
    auto m = make_medium("rom from " + p.string());
    REQUIRE_MESSAGE(m.has_value(), (m ? "" : m.error()));
    return std::move(*m);
}

std::string refusal(const std::filesystem::path& p) {
    auto m = make_medium("rom from " + p.string());
    REQUIRE_FALSE(m.has_value());
    return m.error();
}

// Q's index number (BCD) of block `lba` as READ CD's formatted Q gives it.
int q_index(Writer& w, std::uint32_t lba) {
    const auto r = w.run(scsi::cdb::read_cd(static_cast<std::int32_t>(lba), 1, 0x10, 1, 2), 2352 + 16);
    REQUIRE_MESSAGE(r.good(), r.sense() << " at " << lba);
    return r.data[2352 + 2];
}

const std::vector<std::uint32_t> first_marks{30, 60}, second_marks{110};

void check_marks(const Disc& d) {
    REQUIRE(d.tracks.size() == 2);
    CHECK(d.tracks[0].index_marks == first_marks);
    CHECK(d.tracks[1].index_marks == second_marks);
}

} // namespace index_marks_images

using namespace index_marks_images;

TEST_CASE("a cue sheet's INDEX 02 and 03 are index marks, and READ CD's Q reports index 1, 2, 3 around them") {
    MarkedCue c;
    Writer w("rom from " + (c.dir / "disc.cue").string());
    check_marks(w.disc());
    for (const auto& [lba, index] : std::vector<std::pair<std::uint32_t, int>>{
             {0, 1}, {29, 1}, {30, 2}, {31, 2}, {59, 2}, {60, 3}, {99, 3}, {100, 1}, {109, 1}, {110, 2}, {179, 2}}) {
        CAPTURE(lba);
        CHECK(q_index(w, lba) == index);
    }
}

TEST_CASE("a cdrdao toc's INDEX counts from the track's start, past its pregap") {
    MarkedCue c;
    put_text(c.dir / "disc.toc", "CD_DA\n"
                                 "TRACK AUDIO\nFILE \"audio.bin\" 0 00:01:25\nINDEX 00:00:30\nINDEX 00:00:60\n"
                                 "TRACK AUDIO\nFILE \"audio.bin\" 00:01:25 00:01:05\nINDEX 00:00:10\n");
    Writer w("rom from " + (c.dir / "disc.toc").string());
    check_marks(w.disc());
    CHECK(q_index(w, 59) == 2);
    CHECK(q_index(w, 60) == 3);
    CHECK(q_index(w, 110) == 2);
}

TEST_CASE("cue, toc and CloneCD exports write the index marks, and each reloads with them") {
    MarkedCue c;
    const auto m = loaded(c.dir / "disc.cue");
    REQUIRE(export_cue(m->disc, *m->store, c.dir / "copy.cue"));
    REQUIRE(export_toc(m->disc, *m->store, c.dir / "copy.toc"));
    REQUIRE(export_ccd(m->disc, *m->store, c.dir / "copy.ccd"));
    CHECK(text_of(c.dir / "copy.cue").find("    INDEX 02 00:00:30\n    INDEX 03 00:00:60\n") != std::string::npos);
    CHECK(text_of(c.dir / "copy.toc").find("INDEX 00:00:30\nINDEX 00:00:60\n") != std::string::npos);
    CHECK(text_of(c.dir / "copy.ccd").find("INDEX 1=0\nINDEX 2=30\nINDEX 3=60\n") != std::string::npos);
    for (const char* name : {"copy.cue", "copy.toc", "copy.ccd"}) {
        CAPTURE(name);
        check_marks(loaded(c.dir / name)->disc);
    }
    // The .ccd's .sub holds the Q made from them: served as recorded, it says index 3 at block 60.
    Writer w("rom from " + (c.dir / "copy.ccd").string());
    CHECK(q_index(w, 60) == 3);
}

TEST_CASE("index marks out of order, past their track or without INDEX 1 are refused, naming the line") {
    MarkedCue c;
    const std::string head = "FILE \"audio.bin\" BINARY\n  TRACK 01 AUDIO\n    INDEX 01 00:00:00\n";
    put_text(c.dir / "skip.cue", head + "    INDEX 03 00:00:30\n");
    CHECK(refusal(c.dir / "skip.cue").find("skip.cue:4: INDEX 03: expected INDEX 02") != std::string::npos);
    put_text(c.dir / "back.cue", head + "    INDEX 02 00:00:30\n    INDEX 03 00:00:20\n");
    CHECK(refusal(c.dir / "back.cue").find("back.cue:5: INDEX 03: expected a time after") != std::string::npos);
    put_text(c.dir / "past.cue", head + "    INDEX 02 00:03:00\n");
    CHECK(refusal(c.dir / "past.cue").find("past.cue:4: INDEX 02: past the end of track 1") != std::string::npos);
    put_text(c.dir / "past.toc", "TRACK AUDIO\nFILE \"audio.bin\" 0 00:01:00\nINDEX 00:01:00\n");
    CHECK(refusal(c.dir / "past.toc").find("past.toc:3: INDEX past the end of track 1") != std::string::npos);
    put_text(c.dir / "zero.toc", "TRACK AUDIO\nFILE \"audio.bin\" 0 00:01:00\nINDEX 00:00:00\n");
    CHECK(refusal(c.dir / "zero.toc").find("zero.toc:3: INDEX: expected a time after") != std::string::npos);

    const auto m = loaded(c.dir / "disc.cue");
    REQUIRE(export_ccd(m->disc, *m->store, c.dir / "copy.ccd"));
    const std::string ccd = text_of(c.dir / "copy.ccd");
    const auto edited = [&](const std::string& from, const std::string& to) {
        std::string t = ccd;
        t.replace(t.find(from), from.size(), to);
        put_text(c.dir / "copy.ccd", t);
        return refusal(c.dir / "copy.ccd");
    };
    CHECK(edited("INDEX 2=30\n", "").find("INDEX 3=60: expected INDEX 2 first") != std::string::npos);
    CHECK(edited("INDEX 3=60\n", "INDEX 3=20\n").find("INDEX 3=20: expected an address after INDEX 2's") !=
          std::string::npos);
    CHECK(edited("INDEX 3=60\n", "INDEX 3=100\n").find("inside track 1") != std::string::npos);
    CHECK(edited("INDEX 1=0\n", "").find("INDEX 2 and on without INDEX 1") != std::string::npos);
    CHECK(edited("INDEX 3=60\n", "INDEX 100=60\n").find("INDEX 100: expected INDEX 0 to INDEX 99") !=
          std::string::npos);
}

namespace index_marks_images {

// A Disc At Once NRG of one 100-block audio track whose CUEX gets `entries` after the track's
// INDEX 01 (the third entry), each an index of track 1 at an LBA.
std::vector<std::uint8_t> nrg_with(const std::vector<std::pair<std::uint8_t, std::int32_t>>& entries) {
    nrg_build::Image image;
    nrg_build::Session s;
    s.tracks.push_back({0x07, 2352, 0, 0, 100, 0x01, "", {}});
    image.sessions.push_back(s);
    auto bytes = nrg_build::bytes(image);
    const std::string id = "CUEX";
    const auto chunk = std::search(bytes.begin(), bytes.end(), id.begin(), id.end()) - bytes.begin();
    std::vector<std::uint8_t> more;
    for (const auto& [index, lba] : entries)
        nrg_build::cue_entry(more, true, 0x01, nrg_build::bcd(1), nrg_build::bcd(index), lba);
    bytes.insert(bytes.begin() + chunk + 8 + 3 * 8, more.begin(), more.end());
    const auto size =
        static_cast<std::uint32_t>(scsi::get_be32(bytes, static_cast<std::size_t>(chunk) + 4) + more.size());
    for (int i = 0; i < 4; ++i)
        bytes[static_cast<std::size_t>(chunk) + 4 + static_cast<std::size_t>(i)] =
            static_cast<std::uint8_t>(size >> (8 * (3 - i)));
    return bytes;
}

} // namespace index_marks_images

TEST_CASE("an NRG's CUEX entries of index 2 and on are index marks, checked against the track") {
    TempDir dir;
    const auto write_nrg = [&](const std::vector<std::pair<std::uint8_t, std::int32_t>>& entries) {
        const std::vector<std::uint8_t> bytes = nrg_with(entries);
        std::ofstream(dir / "disc.nrg", std::ios::binary)
            .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
        return dir / "disc.nrg";
    };
    Writer w("rom from " + write_nrg({{2, 30}, {3, 60}}).string());
    CHECK(w.disc().tracks[0].index_marks == first_marks);
    CHECK(q_index(w, 29) == 1);
    CHECK(q_index(w, 30) == 2);
    CHECK(q_index(w, 60) == 3);
    CHECK(refusal(write_nrg({{3, 30}})).find("track 1 INDEX 03 at LBA 30: expected INDEX 02") != std::string::npos);
    CHECK(refusal(write_nrg({{2, 100}})).find("INDEX 02 at LBA 100: expected INDEX 02 after LBA 0 and before 100") !=
          std::string::npos);
}

// discrec read (bridge/disc_reading.hpp): a CD in a drive, read through the recorder into a cue
// sheet and its BINs, is the disc the drive holds: the same files `mmc-emu export` writes of it,
// and loaded again, the same TOC and sectors. Blocks that will not read are zeros and listed. A
// DVD, a BD or a data CD read into an ISO is the image it was made from.
#include "bridge/disc_reading.hpp"
#include "bridge/emu_name.hpp"
#include "bridge/emulated_transport.hpp"
#include "emulator/images/cue_export.hpp"
#include "emulator/media/cd_sector.hpp"
#include "emulator/media/presets.hpp"
#include "images/ccd_fixture.hpp"
#include "recorder/disc_recorder.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <unistd.h>

namespace spindle::test {

namespace {

namespace fs = std::filesystem;
using namespace spindle::recorder;

struct Dir {
    fs::path path;
    Dir() {
        std::string p = (fs::temp_directory_path() / "spindle-read-XXXXXX").string();
        REQUIRE(::mkdtemp(p.data()) != nullptr);
        path = p;
    }
    ~Dir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

// A mixed-mode CD as a cue sheet: a data track, two audio tracks (a pause between), CD-Text,
// an ISRC, the catalogue number.
fs::path make_source(const Dir& d) {
    std::string data(40 * 2048, '\0'), audio(300 * 2352, '\0');
    for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>(i * 13 + i / 2048);
    for (std::size_t i = 0; i < audio.size(); ++i) audio[i] = static_cast<char>(i * 7 + i / 977);
    std::ofstream(d.path / "data.iso", std::ios::binary) << data;
    std::ofstream(d.path / "audio.bin", std::ios::binary) << audio;
    std::ofstream(d.path / "disc.cue") << "CATALOG 0123456789012\nTITLE \"Album\"\n"
                                          "FILE \"data.iso\" BINARY\n TRACK 01 MODE1/2048\n  INDEX 01 00:00:00\n"
                                          "FILE \"audio.bin\" BINARY\n TRACK 02 AUDIO\n  TITLE \"Two\"\n"
                                          "  ISRC USRC17607839\n  PREGAP 00:02:00\n  INDEX 01 00:00:00\n"
                                          " TRACK 03 AUDIO\n  FLAGS DCP\n  INDEX 01 00:03:00\n";
    return d.path / "disc.cue";
}

struct Reader {
    std::shared_ptr<EmulatedDevice> device;
    std::unique_ptr<DiscRecorder> recorder;
    explicit Reader(const std::string& preset) {
        auto d = make_emulated_device(EmulatorSpec{"", preset}, ClockKind::Virtual);
        REQUIRE_MESSAGE(d.has_value(), (d ? "" : d.error().to_string()));
        device = *d;
        auto t = EmulatedTransport::open(device);
        REQUIRE(t);
        auto r = DiscRecorder::attach(std::move(*t));
        REQUIRE(r);
        recorder = std::move(*r);
    }
};

} // namespace

TEST_CASE("discrec read of a CD gives the files mmc-emu export writes of it, and they load as the same disc") {
    Dir src, out;
    const auto cue = make_source(src);
    Reader r("rom from " + cue.string());
    auto report = read_disc_image(r.recorder->ex(), out.path / "read.cue");
    REQUIRE_MESSAGE(report.has_value(), (report ? "" : report.error().to_string()));
    CHECK(report->unreadable.empty());
    CHECK(report->tracks == 3);
    auto held = make_medium("rom from " + cue.string());
    REQUIRE(held);
    auto exported = export_cue((*held)->disc, *(*held)->store, out.path / "export.cue");
    REQUIRE(exported);
    REQUIRE(report->image.files.size() == exported->files.size());
    CHECK(slurp(out.path / "read.cue").size() > 0);
    for (std::size_t i = 1; i < exported->files.size(); ++i) // the BINs, byte for byte
        CHECK_MESSAGE(slurp(report->image.files[i]) == slurp(exported->files[i]), exported->files[i]);
    // The sheets differ only in the BINs' names.
    auto sheet = slurp(out.path / "read.cue");
    for (std::size_t at; (at = sheet.find("read (Track")) != std::string::npos;) sheet.replace(at, 4, "export");
    CHECK(sheet == slurp(out.path / "export.cue"));
}

TEST_CASE("discrec read: a block that will not read is zeros in the image and listed; the rest is read") {
    Dir src, out;
    const auto cue = make_source(src);
    Reader r("rom from " + cue.string());
    REQUIRE(r.device->drive().faults().add_rule("{command: READ CD, lba: [250, 251], sense: 3/11/00}"));
    REQUIRE(r.device->drive().faults().add_rule("{command: READ(10), lba: [5, 5], sense: 3/11/00}"));
    auto report = read_disc_image(r.recorder->ex(), out.path / "bad.cue", 1);
    REQUIRE_MESSAGE(report.has_value(), (report ? "" : report.error().to_string()));
    CHECK(report->unreadable == std::vector<std::uint32_t>{5, 250, 251});
    const auto data = slurp(report->image.files[1]);
    REQUIRE(data.size() == 40 * 2048);
    CHECK(data.substr(5 * 2048, 2048) == std::string(2048, '\0'));
    CHECK(data.substr(4 * 2048, 2048) != std::string(2048, '\0'));
    const auto track2 = slurp(report->image.files[2]); // track 2 starts at LBA 190
    CHECK(track2.substr((250 - 190) * 2352, 2 * 2352) == std::string(2 * 2352, '\0'));
    CHECK(track2.substr((252 - 190) * 2352, 2352) != std::string(2352, '\0'));
}

TEST_CASE("discrec read of a multisession CD: its sessions from the full TOC, loaded again as the same disc") {
    Dir src, out;
    std::ofstream(src.path / "1.bin", std::ios::binary) << std::string(40 * 2048, 'a');
    std::ofstream(src.path / "2.bin", std::ios::binary) << std::string(30 * 2352, 'b');
    { // CD-ROM XA Form 1 sectors where session 2 puts them (70 + 11400)
        std::ofstream xa(src.path / "3.bin", std::ios::binary);
        const std::vector<std::uint8_t> user(cd::user_bytes, 'c');
        cd::RawSector sector{};
        for (std::int32_t lba = 11470; lba < 11490; ++lba) {
            cd::encode_xa(lba, cd::Subheader{0, 0, 0x08, 0}, user, sector);
            xa.write(reinterpret_cast<const char*>(sector.data()), static_cast<std::streamsize>(sector.size()));
        }
    }
    std::ofstream(src.path / "disc.cue") << "FILE \"1.bin\" BINARY\n TRACK 01 MODE1/2048\n  INDEX 01 00:00:00\n"
                                            "FILE \"2.bin\" BINARY\n TRACK 02 AUDIO\n  INDEX 01 00:00:00\n"
                                            "REM SESSION 02\n"
                                            "FILE \"3.bin\" BINARY\n TRACK 03 MODE2/2352\n  INDEX 01 00:00:00\n";
    Reader r("rom from " + (src.path / "disc.cue").string());
    for (const char* name : {"read.cue", "read.ccd"}) { // a toc file holds one session
        auto report = read_disc_image(r.recorder->ex(), out.path / name);
        REQUIRE_MESSAGE(report.has_value(), name << ": " << (report ? "" : report.error().to_string()));
        CHECK_MESSAGE(report->unreadable.empty(), name << ": " << report->unreadable.size() << " from "
                                                       << (report->unreadable.empty() ? 0 : report->unreadable[0]));
        auto source = make_medium("rom from " + (src.path / "disc.cue").string());
        auto again = make_medium("rom from " + (out.path / name).string());
        REQUIRE_MESSAGE(again.has_value(), name << ": " << (again ? "" : again.error()));
        const auto& a = (*source)->disc.tracks;
        const auto& b = (*again)->disc.tracks;
        REQUIRE(a.size() == b.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            CHECK_MESSAGE(b[i].session == a[i].session, name << " track " << a[i].number);
            CHECK_MESSAGE(b[i].start == a[i].start, name << " track " << a[i].number);
            CHECK_MESSAGE(b[i].size == a[i].size, name << " track " << a[i].number);
            CHECK_MESSAGE(b[i].session_format == a[i].session_format, name << " track " << a[i].number);
        }
    }
}

TEST_CASE("discrec read into a CloneCD image reads the R-W sub-channels too: the .sub holds them as recorded") {
    Dir out;
    TempDir src;
    const ccd_fixture::SingleSession disc; // track 3's R-W hold something, the rest are zero
    disc.write(src);
    Reader r("rom from " + (src / "disc.ccd").string());
    auto report = read_disc_image(r.recorder->ex(), out.path / "read.ccd");
    REQUIRE_MESSAGE(report.has_value(), (report ? "" : report.error().to_string()));
    CHECK(report->unreadable.empty());
    const auto sub = slurp(out.path / "read.sub");
    REQUIRE(sub.size() == disc.sub.size());
    std::size_t differ = 0;
    for (std::size_t i = 0; i < sub.size(); ++i) // R to W: bytes 24 to 95 of each block's 96
        if (i % 96 >= 24 && static_cast<std::uint8_t>(sub[i]) != disc.sub[i]) ++differ;
    CHECK(differ == 0);
}

TEST_CASE("discrec read of a DVD or a data CD into an ISO gives the blocks of its source, byte for byte") {
    Dir src, out;
    std::string data(3000 * 2048, '\0');
    for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>(i * 11 + i / 2039);
    std::ofstream(src.path / "data.iso", std::ios::binary) << data;
    for (const char* kind : {"dvd-rom", "bd-rom", "cd-rom"}) {
        Reader r(std::string(kind) + " from " + (src.path / "data.iso").string());
        const auto iso = out.path / (std::string(kind) + ".iso");
        auto report = read_disc_image(r.recorder->ex(), iso);
        REQUIRE_MESSAGE(report.has_value(), kind << ": " << (report ? "" : report.error().to_string()));
        CHECK(report->unreadable.empty());
        CHECK_MESSAGE(slurp(iso) == data, kind);
    }
}

TEST_CASE("discrec read refuses, writing nothing: a DVD into a cue sheet, a CD with audio into an ISO") {
    Dir src, out;
    Reader dvd("closed dvd+r");
    auto report = read_disc_image(dvd.recorder->ex(), out.path / "x.cue");
    REQUIRE_FALSE(report.has_value());
    CHECK(report.error().to_string().find("read it into a .iso") != std::string::npos);
    Reader cd("rom from " + make_source(src).string());
    report = read_disc_image(cd.recorder->ex(), out.path / "x.iso");
    REQUIRE_FALSE(report.has_value());
    CHECK(report.error().to_string().find("track 2 is audio") != std::string::npos);
    CHECK(fs::is_empty(out.path));
}

} // namespace spindle::test

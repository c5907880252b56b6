// "cd-da from FILE...": a pressed audio CD made of WAV and raw CD-DA files.
#include "emulator/media/presets.hpp"
#include "persistence/persistence_fixture.hpp"

#include <doctest/doctest.h>

#include <fstream>

using namespace spindle;
using namespace spindle::test;

namespace {

std::vector<std::uint8_t> samples(std::size_t bytes, unsigned seed) {
    std::vector<std::uint8_t> v(bytes);
    for (std::size_t i = 0; i < bytes; ++i) v[i] = static_cast<std::uint8_t>((i * 7 + seed * 13 + i / 251) & 0xFF);
    return v;
}

void put_le(std::ostream& out, std::uint32_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out.put(static_cast<char>(v >> (8 * i)));
}

// A RIFF/WAVE file: a "LIST" chunk first (as encoders write), then "fmt " and "data".
void write_wav(const std::filesystem::path& p, const std::vector<std::uint8_t>& pcm, std::uint16_t channels = 2,
               std::uint32_t rate = 44100) {
    std::ofstream f(p, std::ios::binary);
    f.write("RIFF", 4);
    put_le(f, static_cast<std::uint32_t>(4 + 8 + 3 + 1 + 8 + 16 + 8 + pcm.size()), 4);
    f.write("WAVELIST", 8);
    put_le(f, 3, 4);
    f.write("abc\0", 4); // odd length, padded
    f.write("fmt ", 4);
    put_le(f, 16, 4);
    put_le(f, 1, 2);
    put_le(f, channels, 2);
    put_le(f, rate, 4);
    put_le(f, rate * channels * 2, 4);
    put_le(f, channels * 2u, 2);
    put_le(f, 16, 2);
    f.write("data", 4);
    put_le(f, static_cast<std::uint32_t>(pcm.size()), 4);
    f.write(reinterpret_cast<const char*>(pcm.data()), static_cast<std::streamsize>(pcm.size()));
}

void write_raw(const std::filesystem::path& p, const std::vector<std::uint8_t>& pcm) {
    std::ofstream(p, std::ios::binary)
        .write(reinterpret_cast<const char*>(pcm.data()), static_cast<std::streamsize>(pcm.size()));
}

std::vector<std::uint8_t> read_cd_audio(LoadedDrive& d, std::uint32_t lba, std::uint32_t count) {
    return d
        .run(as_vector(scsi::cdb::read_cd(static_cast<std::int32_t>(lba), count, scsi::cdb::read_cd_main::user_data,
                                          1)), // expected sector type 001b: CD-DA
             count * 2352)
        .data;
}

} // namespace

TEST_CASE("cd-da from a WAV and a raw file: two audio tracks back to back, the last block padded with silence") {
    TempDir dir;
    const auto one = samples(3 * 2352 + 100, 1), two = samples(2 * 2352, 2);
    write_wav(dir / "one.wav", one);
    write_raw(dir / "two.cdda", two);
    LoadedDrive d("cd-da from " + (dir / "one.wav").string() + " " + (dir / "two.cdda").string());
    const Disc& disc = d.disc();
    CHECK(disc.kind == MediaKind::CdRom);
    REQUIRE(disc.tracks.size() == 2);
    CHECK(disc.tracks[0].size == 4);
    CHECK(disc.tracks[1].start == 4);
    CHECK(disc.tracks[1].size == 2);
    const auto toc = d.run(as_vector(scsi::cdb::read_toc(0, 0, 255)), 255).data;
    REQUIRE(toc.size() == 4 + 3 * 8);
    CHECK(toc[5] == 0x10);
    CHECK(toc[13] == 0x10);
    CHECK(scsi::get_be32(toc, 24) == 6); // lead-out
    auto first = read_cd_audio(d, 0, 4);
    REQUIRE(first.size() == 4 * 2352);
    CHECK(std::equal(one.begin(), one.end(), first.begin()));
    CHECK(std::all_of(first.begin() + static_cast<std::ptrdiff_t>(one.size()), first.end(),
                      [](std::uint8_t b) { return b == 0; }));
    CHECK(read_cd_audio(d, 4, 2) == two);
    CHECK(sense_of(d.run(bytes({0x28, 0, 0, 0, 0, 0, 0, 0, 1, 0}), 2048)) ==
          sense(0x5, 0x64, 0x00).with_information(0));
}

TEST_CASE("cd-da refuses what is not CD-DA, naming the file and what it found") {
    TempDir dir;
    write_wav(dir / "mono.wav", samples(2352, 3), 1);
    write_wav(dir / "48k.wav", samples(2352, 3), 2, 48000);
    write_raw(dir / "empty.raw", {});
    auto error_of = [&](const std::string& preset) {
        auto m = make_medium(preset);
        REQUIRE_FALSE(m);
        return m.error();
    };
    CHECK(error_of("cd-da from " + (dir / "mono.wav").string())
              .find("1 channel(s), 44100 Hz, 16 bits: expected 16-bit "
                    "stereo PCM at 44100 Hz") != std::string::npos);
    CHECK(error_of("cd-da from " + (dir / "48k.wav").string()).find("48000 Hz") != std::string::npos);
    CHECK(error_of("cd-da from " + (dir / "empty.raw").string()).find("no samples") != std::string::npos);
    CHECK(error_of("cd-da from " + (dir / "missing.wav").string()).find("missing.wav") != std::string::npos);
    CHECK(error_of("cd-da from").find("cd-da from FILE...") != std::string::npos);
    write_raw(dir / "ok.raw", samples(2352, 4));
    CHECK(error_of("cd-da from " + (dir / "ok.raw").string() + " capacity=9").find("does not apply") !=
          std::string::npos);
}

TEST_CASE("cd-da with image= is kept, sound included, and reopens as it was") {
    TempDir dir;
    const auto pcm = samples(5 * 2352, 5);
    write_raw(dir / "t.raw", pcm);
    const std::string preset = "cd-da from " + (dir / "t.raw").string() + " image=" + (dir / "cd.img").string();
    { LoadedDrive d(preset); }
    std::filesystem::remove(dir / "t.raw"); // the disc no longer needs its source
    LoadedDrive again("saved " + (dir / "cd.img").string());
    CHECK(read_cd_audio(again, 0, 5) == pcm);
}

// "rom from DISC.mds": Alcohol 120% descriptors built byte by byte (mds_builder.hpp) from the
// published layout beside the .mdf they name; each track's place checked against the
// descriptor's own numbers and its blocks read back through the drive against the .mdf.
#include "emulator/images/disc_image.hpp"
#include "emulator/images/mds_image.hpp"
#include "emulator/media/presets.hpp"
#include "images/image_fixture.hpp"
#include "images/mds_builder.hpp"
#include "persistence/persistence_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

namespace mds_test {

// A Mode 1 track, an audio track after a 150-block pregap the .mdf does not hold, and a Mode 2
// track of whole sectors.
mds_build::Image one_session() {
    mds_build::Image image;
    image.sessions.push_back({{0xAA, 2048, false, 0, 150, 40, 0x14},
                              {0xA9, 2352, false, 190, 150, 100, 0x12},
                              {0xAB, 2352, false, 290, 0, 30, 0x14}});
    return image;
}

} // namespace mds_test

TEST_CASE("mds: tracks at their LBAs, lengths from the extra blocks, pregaps not in the .mdf; found by content, "
          "\"*.mdf\" the descriptor's own name") {
    TempDir dir;
    const auto image = mds_test::one_session();
    std::vector<std::uint64_t> offsets;
    const auto data = mds_build::mdf(image, &offsets);
    write_file(dir / "alcohol.dat", mds_build::mds(image)); // any name: the signature tells
    write_file(dir / "alcohol.mdf", data);
    CHECK(detect_image_format(dir / "alcohol.dat") == ImageFormat::Mds);
    CHECK_FALSE(detect_image_format(dir / "alcohol.mdf").has_value());
    Writer w("rom from " + (dir / "alcohol.dat").string());
    const Disc& d = w.disc();
    REQUIRE(d.tracks.size() == 3);
    CHECK(d.tracks[0].start == 0);
    CHECK(d.tracks[0].size == 40);
    CHECK(d.tracks[1].start == 190);
    CHECK(d.tracks[1].track_mode == 0x2); // audio, copy permitted
    CHECK(d.tracks[1].size == 100);
    CHECK(d.tracks[2].start == 290);
    CHECK(d.tracks[2].sectors == DataSectors::Xa);
    CHECK(d.tracks[0].session_format == cd_session_format::cd_rom_xa);
    CHECK(d.capacity_blocks == 320);
    const auto r = w.read(0, 40);
    REQUIRE(r.good());
    CHECK(r.data == slice(data, 0, 40 * 2048));
    CHECK(whole_sectors(w, 190, 100) == slice(data, offsets[1], 100 * 2352));
    CHECK(whole_sectors(w, 290, 30) == slice(data, offsets[2], 30 * 2352));
}

TEST_CASE("mds with two sessions, 2448-byte sectors (sub-channel after each) and a UTF-16 .mdf name") {
    TempDir dir;
    mds_build::Image image;
    image.sessions.push_back({{0xA9, 2352 + 96, true, 0, 150, 50, 0x10}});
    image.sessions.push_back({{0xAA, 2048, false, 50 + 11400, 150, 20, 0x14}});
    image.mdf_name = "disc data.mdf";
    image.wide_name = true;
    std::vector<std::uint64_t> offsets;
    const auto data = mds_build::mdf(image, &offsets);
    write_file(dir / "disc.mds", mds_build::mds(image));
    write_file(dir / "disc data.mdf", data);
    Writer w("rom from " + (dir / "disc.mds").string());
    const Disc& d = w.disc();
    REQUIRE(d.tracks.size() == 2);
    CHECK(d.session_count() == 2);
    CHECK(d.tracks[1].start == 11450);
    std::vector<std::uint8_t> main;
    for (std::size_t b = 0; b < 50; ++b) {
        const auto block = slice(data, b * 2448, 2352);
        main.insert(main.end(), block.begin(), block.end());
    }
    CHECK(whole_sectors(w, 0, 50) == main);
    const auto r = w.read(11450, 20);
    REQUIRE(r.good());
    CHECK(r.data == slice(data, offsets[1], 20 * 2048));
}

TEST_CASE("a bad mds is refused naming the file, the byte offset and what was expected; nothing is loaded") {
    TempDir dir;
    const std::string at = (dir / "bad.mds").string();
    const auto image = mds_test::one_session();
    write_file(dir / "bad.mdf", mds_build::mdf(image));
    const auto refused = [&](const std::vector<std::uint8_t>& bytes) {
        write_file(dir / "bad.mds", bytes);
        auto m = load_mds_image(dir / "bad.mds");
        REQUIRE_FALSE(m.has_value());
        return m.error();
    };
    const auto base = mds_build::mds(image);
    const std::size_t track1 = 88 + 24 + 3 * 80; // after the header, the session and A0-A2

    CHECK(refused(std::vector<std::uint8_t>(100, 0)) ==
          at + ": byte 0: expected \"MEDIA DESCRIPTOR\" and an 88-byte header");
    auto bytes = base;
    bytes[16] = 2;
    CHECK(refused(bytes) == at + ": byte 16: version 2: a DAEMON Tools MDX/MDSv2 image (compressed and encrypted); "
                                 "expected an Alcohol 120% descriptor, version 1");
    bytes = base;
    bytes[18] = 0x10;
    CHECK(refused(bytes) == at + ": byte 18: medium 0x10: a DVD image; expected a CD (0x00, 0x01 or 0x02)");
    bytes = base;
    bytes[82] = 0x10; // the session blocks' offset
    CHECK(refused(bytes) == at + ": byte 80: 1 sessions at byte 1048664: expected at least one, within the " +
                                std::to_string(base.size()) + " bytes of the file");
    bytes = base;
    bytes[track1] = 0xAE;
    CHECK(refused(bytes) == at + ": byte " + std::to_string(track1 + 16) +
                                ": mode 0xae, sub-channel 0x00, 2048-byte sectors: expected 2352 (audio), 2048 or 2352 "
                                "(Mode 1), 2048, 2336 or 2352 (Mode 2), 96 more with the sub-channel");
    bytes = base;
    bytes[track1] = 0xA9; // audio of 2048 bytes
    CHECK(refused(bytes).starts_with(at + ": byte " + std::to_string(track1 + 16) + ": mode 0xa9, sub-channel 0x00, "));
    bytes = base;
    bytes[track1 + 48] = 2;
    CHECK(refused(bytes) == at + ": byte " + std::to_string(track1 + 48) +
                                ": 2 files: expected the track in one file (split files are DVD images')");
    bytes = base;
    bytes[track1 + 36] = 200; // track 1 at LBA 200 runs past track 2's start (190)
    CHECK(refused(bytes) ==
          at + ": byte " + std::to_string(track1 + 80) +
              ": track 2: starts at LBA 190 (pregap included): expected LBA 240 or later, where track "
              "1 ends");
    bytes = base;
    bytes[track1 + 4] = 5;
    CHECK(refused(bytes) == at + ": byte " + std::to_string(track1 + 4) + ": track 5: expected track 1");
    std::filesystem::remove(dir / "bad.mdf");
    CHECK(refused(base).find("bad.mdf") != std::string::npos);
    write_file(dir / "bad.mdf", std::vector<std::uint8_t>(1000, 0));
    CHECK(refused(base) == at + ": byte " + std::to_string(track1) +
                               ": track 1: 40 blocks of 2048 bytes from byte 0 of " + (dir / "bad.mdf").string() +
                               ": expected them within its 1000 bytes");
}

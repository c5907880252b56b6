// "rom from DISC.nrg": Nero images built byte by byte (nrg_builder.hpp) from the published
// layout, v1 and v2, Disc At Once and Track At Once, audio and data of every stored form, two
// sessions, CD-Text; each track's place checked against the image's own numbers and its blocks
// read back through the drive against the bytes the image holds.
#include "emulator/images/disc_image.hpp"
#include "emulator/images/nrg_image.hpp"
#include "emulator/media/cd_text_strings.hpp"
#include "emulator/media/presets.hpp"
#include "images/image_fixture.hpp"
#include "images/nrg_builder.hpp"
#include "persistence/persistence_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

namespace nrg_test {

// A Disc At Once session: a Mode 1 track whose 150-block pregap the file holds (before LBA 0),
// an audio track after a 75-block data pregap, an audio track with a 10-block audio pregap, an
// ISRC, the copy flag, the catalogue number and CD-Text.
nrg_build::Image dao_image(bool v2) {
    nrg_build::Image image;
    image.v2 = v2;
    image.mcn = "0123456789012";
    cd::TextStrings text;
    text.last_track = 3;
    for (auto& s : text.strings) s.assign(4, "");
    text.strings[0] = {"Nero Album", "", "Second Song", ""};
    image.cd_text = *cd::encode_text(text);
    nrg_build::Session s;
    s.tracks.push_back({0x00, 2048, 0, 150, 40, 0x41, "", {}});
    s.tracks.push_back({0x07, 2352, 40 + 75, 75, 100, 0x01, "USRC17607839", {}});
    s.tracks.push_back({0x07, 2352, 215 + 10, 10, 50, 0x21, "", {}});
    image.sessions.push_back(s);
    return image;
}

} // namespace nrg_test

TEST_CASE("nrg Disc At Once, v2 and v1: tracks at their CUEX/CUES INDEX 01, pregaps from DAOX, flags, ISRC, "
          "catalogue number and CD-Text") {
    for (const bool v2 : {true, false}) {
        CAPTURE(v2);
        TempDir dir;
        std::vector<std::uint64_t> offsets;
        const auto image = nrg_test::dao_image(v2);
        const auto bytes = nrg_build::bytes(image, &offsets);
        write_file(dir / "disc.nrg", bytes);
        CHECK(detect_image_format(dir / "disc.nrg") == ImageFormat::Nrg);
        Writer w("rom from " + (dir / "disc.nrg").string());
        const Disc& d = w.disc();
        REQUIRE(d.tracks.size() == 3);
        CHECK(d.tracks[0].start == 0);
        CHECK(d.tracks[0].size == 40); // the data pregap of track 2 lies between them: another kind
        CHECK(d.tracks[1].start == 115);
        CHECK(d.tracks[1].track_mode == 0x0);
        CHECK(d.tracks[1].isrc == "USRC17607839");
        CHECK(d.tracks[1].size == 100 + 10); // track 3's audio pregap stays with it
        CHECK(d.tracks[2].start == 225);
        CHECK(d.tracks[2].track_mode == 0x2); // copy permitted
        CHECK(d.capacity_blocks == 275);
        CHECK(d.mcn == "0123456789012");
        CHECK(cd::decode_text(d.cd_text).strings[0] == std::vector<std::string>{"Nero Album", "", "Second Song", ""});
        // Track 1's blocks after its 150 stored pregap blocks; the audio as stored (little-endian).
        CHECK(user_data(w, 0, 40) == slice(bytes, 150 * 2048, 40 * 2048));
        CHECK(whole_sectors(w, 115, 100) == slice(bytes, offsets[1] + 75 * 2352, 100 * 2352));
        CHECK(whole_sectors(w, 215, 60) == slice(bytes, offsets[2], 60 * 2352));
    }
}

TEST_CASE("nrg Track At Once, v2 and v1: tracks at their ETN2/ETNF LBA, Mode 1 and Mode 2 of 2352 and 2336 "
          "bytes, Mode 2 Form 1 of 2048, audio; the pregaps it does not store are zeros") {
    for (const bool v2 : {true, false}) {
        CAPTURE(v2);
        TempDir dir;
        const auto user = std::vector<std::uint8_t>(nrg_build::stored({0x00, 2048, 7, 0, 20, 0x41, "", {}}));
        nrg_build::Image image;
        image.v2 = v2;
        nrg_build::Session s{false, {}};
        s.tracks.push_back({0x05, 2352, 0, 0, 20, 0x41, "", mode1_sectors(0, user)});
        s.tracks.push_back({0x06, 2352, 170, 0, 20, 0x41, "", xa_sectors(170, user)});
        s.tracks.push_back({0x03, 2336, 340, 0, 20, 0x41, "", xa_sectors(340, user, 16)});
        s.tracks.push_back({0x02, 2048, 510, 0, 20, 0x41, "", user});
        s.tracks.push_back({0x07, 2352, 680, 0, 30, 0x01, "", {}});
        image.sessions.push_back(s);
        std::vector<std::uint64_t> offsets;
        const auto bytes = nrg_build::bytes(image, &offsets);
        write_file(dir / "tao.nrg", bytes);
        Writer w("rom from " + (dir / "tao.nrg").string());
        const Disc& d = w.disc();
        REQUIRE(d.tracks.size() == 5);
        for (std::size_t i = 0; i < 4; ++i) {
            CAPTURE(i);
            CHECK(d.tracks[i].start == 170 * i);
            CHECK(d.tracks[i].size == 20);
            CHECK(user_data(w, d.tracks[i].start, 20) == user);
        }
        CHECK(d.tracks[1].sectors == DataSectors::Xa);
        CHECK(d.tracks[0].session_format == cd_session_format::cd_rom_xa);
        CHECK(whole_sectors(w, 0, 20) == slice(bytes, 0, 20 * 2352));
        CHECK(whole_sectors(w, 170, 20) == slice(bytes, offsets[1], 20 * 2352));
        CHECK(whole_sectors(w, 510, 20) == xa_sectors(510, user)); // made from the 2048 bytes
        CHECK(whole_sectors(w, 680, 30) == slice(bytes, offsets[4], 30 * 2352));
        auto medium = load_nrg_image(dir / "tao.nrg"); // the gap between tracks 1 and 2, in no track
        REQUIRE(medium.has_value());
        std::vector<std::uint8_t> gap(150 * 2352, 1);
        CHECK((*medium)->store->read_audio(20, gap));
        CHECK(std::all_of(gap.begin(), gap.end(), [](std::uint8_t b) { return b == 0; }));
    }
}

TEST_CASE("nrg with two sessions (SINF): Disc At Once audio, then a Track At Once data session after the "
          "lead-out, lead-in and pregap") {
    TempDir dir;
    nrg_build::Image image;
    image.sessions.push_back({true, {{0x07, 2352, 0, 150, 100, 0x01, "", {}}}});
    image.sessions.push_back({false, {{0x00, 2048, 100 + 11400, 0, 30, 0x41, "", {}}}});
    std::vector<std::uint64_t> offsets;
    const auto bytes = nrg_build::bytes(image, &offsets);
    write_file(dir / "two.nrg", bytes);
    Writer w("rom from " + (dir / "two.nrg").string());
    const Disc& d = w.disc();
    REQUIRE(d.tracks.size() == 2);
    CHECK(d.session_count() == 2);
    CHECK(d.tracks[1].session == 2);
    CHECK(d.tracks[1].start == 11500);
    CHECK(user_data(w, 11500, 30) == slice(bytes, offsets[1], 30 * 2048));
    const auto toc = w.run(scsi::cdb::read_toc(scsi::cdb::toc_format::session_info, 0, 12), 12);
    REQUIRE(toc.good());
    CHECK(toc.data[3] == 2); // last complete session
    CHECK(toc.data[6] == 2); // its first track
}

TEST_CASE("nrg sectors of 2448 bytes (modes 0F, 10, 11): the main channel served, and the R-W of the P-W after it") {
    TempDir dir;
    nrg_build::Image image;
    nrg_build::Session s;
    std::vector<std::uint8_t> audio(20 * 2448), main;
    for (std::size_t i = 0; i < audio.size(); ++i) audio[i] = static_cast<std::uint8_t>(i % 2448 < 2352 ? i * 5 : 0xC0);
    for (std::size_t b = 0; b < 20; ++b) {
        const auto block = slice(audio, b * 2448, 2352);
        main.insert(main.end(), block.begin(), block.end());
    }
    const auto user = nrg_build::stored({0x00, 2048, 3, 0, 10, 0x41, "", {}});
    std::vector<std::uint8_t> mode1;
    const auto raw = mode1_sectors(20, user);
    for (std::size_t b = 0; b < 10; ++b) {
        const auto block = slice(raw, b * 2352, 2352);
        mode1.insert(mode1.end(), block.begin(), block.end());
        mode1.insert(mode1.end(), 96, 0x3F);
    }
    s.tracks.push_back({0x10, 2448, 0, 0, 20, 0x01, "", audio});
    s.tracks.push_back({0x0F, 2448, 20, 0, 10, 0x41, "", mode1});
    image.sessions.push_back(s);
    write_file(dir / "sub.nrg", nrg_build::bytes(image));
    Writer w("rom from " + (dir / "sub.nrg").string());
    CHECK(whole_sectors(w, 0, 20) == main);
    CHECK(user_data(w, 20, 10) == user);
    CHECK(whole_sectors(w, 20, 10) == raw);
    CHECK(w.disc().tracks[0].recorded_rw);
    auto medium = load_nrg_image(dir / "sub.nrg"); // R-W: bits 5-0 of each stored P-W byte
    REQUIRE(medium.has_value());
    std::vector<std::uint8_t> rw(2 * 96);
    CHECK((*medium)->store->read_rw(19, rw));
    CHECK(std::all_of(rw.begin(), rw.begin() + 96, [](std::uint8_t b) { return b == 0x00; })); // 0xC0: P and Q only
    CHECK(std::all_of(rw.begin() + 96, rw.end(), [](std::uint8_t b) { return b == 0x3F; }));
}

TEST_CASE("a bad nrg is refused naming the file, the byte offset and what was expected; nothing is loaded") {
    TempDir dir;
    const std::string at = (dir / "bad.nrg").string();
    const auto refused = [&](const std::vector<std::uint8_t>& bytes) {
        write_file(dir / "bad.nrg", bytes);
        auto m = load_nrg_image(dir / "bad.nrg");
        REQUIRE_FALSE(m.has_value());
        return m.error();
    };
    nrg_build::Image good;
    good.sessions.push_back({true, {{0x00, 2048, 0, 0, 10, 0x41, "", {}}}});
    const auto base = nrg_build::bytes(good); // data, CUEX (4 entries), DAOX, SINF, MTYP, END!, footer
    const std::size_t cuex = 20480, daox = cuex + 8 + 32, entry = daox + 8 + 22;

    CHECK(refused(std::vector<std::uint8_t>(100, 1)) ==
          at + ": byte 88: expected a footer: NER5 and a u64 or NERO and a u32 at the end");
    auto bytes = base;
    bytes[bytes.size() - 1] = 0xFF; // the first chunk past the footer
    CHECK(refused(bytes).starts_with(at + ": byte " + std::to_string(bytes.size() - 8) + ": first chunk at byte "));
    bytes = base;
    bytes[cuex + 7] = 200; // CUEX's size
    CHECK(refused(bytes) == at + ": byte " + std::to_string(cuex + 4) +
                                ": chunk of 200 bytes: expected it to end by byte " + std::to_string(base.size() - 12) +
                                ", where the footer starts");
    bytes = base;
    std::copy_n("ENDX", 4, bytes.end() - 20); // no END!
    CHECK(refused(bytes) == at + ": byte " + std::to_string(base.size() - 12) +
                                ": expected a chunk (id and u32 size) or END!; the chunks end at byte " +
                                std::to_string(base.size() - 12));
    bytes = base;
    bytes[entry + 14] = 0x09; // mode
    CHECK(refused(bytes) == at + ": byte " + std::to_string(entry + 14) +
                                ": mode 0x09: expected 0x00, 0x02, 0x03, 0x05, 0x06, 0x07, 0x08, 0x0f, 0x10 or 0x11");
    bytes = base;
    bytes[entry + 14] = 0x07; // audio, with 2048-byte sectors
    CHECK(refused(bytes) ==
          at + ": byte " + std::to_string(entry + 14) + ": mode 0x07 with 2048-byte sectors: expected 2352");
    bytes = base;
    bytes[entry + 18 + 16 + 5] = 0x60; // the track's end offset: past the data
    CHECK(refused(bytes).starts_with(at + ": byte " + std::to_string(entry) + ": track 1: "));
    bytes = base;
    bytes[daox + 8 + 21] = 2; // last track 2 with one entry
    CHECK(refused(bytes) == at + ": byte " + std::to_string(daox + 8 + 20) +
                                ": tracks 1 to 2 with 1 entries: expected 1 entries from track 1");
    bytes = base;
    bytes[cuex + 8 + 8 + 8 + 2] = 0x02; // track 1's INDEX 01 entry becomes INDEX 02
    CHECK(refused(bytes) ==
          at + ": byte " + std::to_string(daox + 8) + ": track 1: no INDEX 01 in this session's CUEX/CUES");
    bytes = base;
    bytes[cuex + 8 + 8 + 1] = 0x1A; // not BCD
    CHECK(refused(bytes) == at + ": byte " + std::to_string(cuex + 8 + 8) + ": track 1A index 00: expected BCD");

    nrg_build::Image dvd = good;
    dvd.mtyp = 0x4; // DVD-
    CHECK(refused(nrg_build::bytes(dvd)).ends_with(": MTYP 0x4: a DVD or BD image; expected a CD (bit 0x1 or 0x400)"));
    nrg_build::Image text = good;
    text.cd_text.assign(20, 0);
    CHECK(refused(nrg_build::bytes(text)).ends_with(": CDTX of 20 bytes: expected 18-byte packs"));
    nrg_build::Image overlap;
    overlap.sessions.push_back({false, {{0x00, 2048, 0, 0, 10, 0x41, "", {}}, {0x00, 2048, 5, 0, 10, 0x41, "", {}}}});
    CHECK(refused(nrg_build::bytes(overlap)) ==
          at + ": byte " + std::to_string(20 * 2048 + 8 + 32) +
              ": track 2: starts at LBA 5 (pregap included): expected LBA 10 or later, where track 1 ends");
    nrg_build::Image sinf = good;
    sinf.sessions.push_back({false, {{0x00, 2048, 11410, 0, 10, 0x41, "", {}}}});
    auto two = nrg_build::bytes(sinf);
    const std::size_t second_sinf = two.size() - 12 - 8 - 12 - 4; // the footer, END!, MTYP before it
    two[second_sinf + 3] = 3;
    CHECK(refused(two) == at + ": byte " + std::to_string(second_sinf) +
                              ": SINF: 3 tracks in session 2: expected 1, as its track chunk lists");
    CHECK(refused({}).find("expected a footer") != std::string::npos);
}

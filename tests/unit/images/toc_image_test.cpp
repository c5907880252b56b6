// "rom from DISC.toc": a CD laid out from a cdrdao toc file (images/toc_image.hpp) and served
// from the files it names; the layout checked against the toc's own arithmetic (75 blocks a
// second, 588 samples a block), the data against the files (raw audio big-endian, .wav
// little-endian, SWAP the other way round).
#include "emulator/images/disc_image.hpp"
#include "emulator/images/toc_image.hpp"
#include "emulator/media/cd_text_strings.hpp"
#include "emulator/media/presets.hpp"
#include "images/image_fixture.hpp"
#include "persistence/persistence_fixture.hpp"

#include <fstream>

using namespace spindle;
using namespace spindle::test;

namespace spindle::test::toc_image {

// A Mode 1 track of 400 blocks (an ISO's), then two audio tracks from one big-endian raw file:
// track 2 after a 2 s PREGAP no file holds, track 3 whose first 10 blocks in the file are its
// pregap (START); flags, an ISRC, the catalogue number and CD-Text.
struct MixedToc {
    TempDir dir;
    Bytes data = seeded_bytes(400 * 2048, 1), audio = seeded_bytes(700 * 2352, 2);
    MixedToc() {
        write_file(dir / "data.iso", data);
        write_file(dir / "audio.cdr", audio);
        spit(dir / "disc.toc", "// made by a test\n"
                               "CD_ROM\n"
                               "CATALOG \"0123456789012\"\n"
                               "CD_TEXT {\n  LANGUAGE_MAP { 0 : EN }\n"
                               "  LANGUAGE 0 { TITLE \"Album \\\"X\\\"\" PERFORMER \"Band\" UPC_EAN \"\" "
                               "SIZE_INFO { 0, 1, 2 } }\n}\n"
                               "TRACK MODE1\nNO COPY\n"
                               "DATAFILE \"data.iso\" // length in bytes: 819200\n"
                               "TRACK AUDIO\nNO COPY\nNO PRE_EMPHASIS\nTWO_CHANNEL_AUDIO\n"
                               "ISRC \"USRC17607839\"\n"
                               "CD_TEXT { LANGUAGE 0 { TITLE \"First\" } }\n"
                               "PREGAP 00:02:00\n"
                               "FILE \"audio.cdr\" 0 00:04:00\n" // the file's blocks 0-299
                               "TRACK AUDIO\nCOPY\nPRE_EMPHASIS\n"
                               "FILE \"audio.cdr\" 176400\n" // samples: block 300 of the file on
                               "START 00:00:10\n"
                               "INDEX 00:01:00\n");
    }
};

TEST_CASE("a toc of a data and two audio tracks: the layout its PREGAP, START and flags give") {
    MixedToc m;
    CHECK(is_toc_file(m.dir / "disc.toc"));
    CHECK(detect_image_format(m.dir / "disc.toc") == ImageFormat::Toc);
    CHECK_FALSE(is_toc_file(m.dir / "data.iso"));
    auto medium = make_medium("rom from " + (m.dir / "disc.toc").string());
    REQUIRE_MESSAGE(medium.has_value(), (medium ? "" : medium.error()));
    const Disc& d = (*medium)->disc;
    REQUIRE(d.tracks.size() == 3);
    CHECK(d.tracks[0].start == 0);
    CHECK(d.tracks[0].size == 400);
    CHECK(d.tracks[0].track_mode == 0x4);
    CHECK(d.tracks[1].start == 400 + 150); // after the PREGAP, which lies between the tracks
    CHECK(d.tracks[1].track_mode == 0x0);
    CHECK(d.tracks[1].isrc == "USRC17607839");
    // Track 2 holds the file's blocks 0-299 and, its kind, track 3's 10-block pregap from the file.
    CHECK(d.tracks[1].size == 300 + 10);
    CHECK(d.tracks[2].start == 550 + 310);
    CHECK(d.tracks[2].track_mode == 0x3);
    CHECK(d.tracks[2].size == 400 - 10);
    CHECK(d.capacity_blocks == 860 + 390);
    CHECK(d.mcn == "0123456789012");
    const auto text = cd::decode_text(d.cd_text);
    CHECK(text.strings[0] == std::vector<std::string>{"Album \"X\"", "", "First", ""});
    CHECK(text.strings[1] == std::vector<std::string>{"Band", "", "", ""});
}

TEST_CASE("a loaded toc reads back its files: READ(10) the data, READ CD the audio big-endian, the PREGAP silence") {
    MixedToc m;
    Writer w("rom from " + (m.dir / "disc.toc").string());
    const auto r = w.read(0, 400);
    REQUIRE(r.good());
    CHECK(r.data == m.data);
    const auto gap = whole_sectors(w, 400, 150);
    CHECK(std::all_of(gap.begin(), gap.end(), [](std::uint8_t b) { return b == 0; }));
    CHECK(whole_sectors(w, 550, 310) == swapped(slice(m.audio, 0, 310 * 2352)));
    CHECK(whole_sectors(w, 860, 390) == swapped(slice(m.audio, 310 * 2352, 390 * 2352)));
}

TEST_CASE(
    "MODE1_RAW, MODE2_RAW, MODE2_FORM_MIX, MODE2, a WAVE file, SWAP and #offsets: each read as its file holds it") {
    TempDir dir;
    const DataTracks data;
    // One file of the three data tracks after 100 bytes of something else, and 10 blocks of audio.
    Bytes joined(100, 0xEE);
    for (const auto* part : {&data.mode1, &data.xa, &data.xa_after})
        joined.insert(joined.end(), part->begin(), part->end());
    write_file(dir / "data.bin", joined);
    const auto samples = seeded_bytes(10 * 2352, 4);
    write_file(dir / "le.raw", samples);
    {
        std::ofstream wav(dir / "w.wav", std::ios::binary);
        const auto le = [&](std::uint32_t v, int n) {
            for (int i = 0; i < n; ++i) wav.put(static_cast<char>(v >> (8 * i)));
        };
        wav.write("RIFF", 4), le(36 + 10 * 2352, 4), wav.write("WAVEfmt ", 8);
        le(16, 4), le(1, 2), le(2, 2), le(44100, 4), le(44100 * 4, 4), le(4, 2), le(16, 2);
        wav.write("data", 4), le(10 * 2352, 4);
        wav.write(reinterpret_cast<const char*>(samples.data()), static_cast<std::streamsize>(samples.size()));
    }
    spit(dir / "d.toc", "CD_ROM_XA\n"
                        "TRACK MODE1_RAW\nDATAFILE \"data.bin\" #100 00:00:20\n"
                        "TRACK MODE2_RAW\nDATAFILE \"data.bin\" #47140 47040\n"
                        "TRACK MODE2_FORM_MIX\nDATAFILE \"data.bin\" #94180\n"
                        "TRACK AUDIO\nFILE \"w.wav\" 0\n"
                        "TRACK AUDIO\nAUDIOFILE \"le.raw\" SWAP 0 00:00:05\nFILE \"le.raw\" SWAP #11760 0\n"
                        "TRACK MODE2\nZERO MODE2 00:00:04\n");
    Writer w("rom from " + (dir / "d.toc").string());
    REQUIRE(w.disc().tracks.size() == 6);
    CHECK(w.disc().tracks[1].sectors == DataSectors::Xa);
    CHECK(w.disc().tracks[5].sectors == DataSectors::Mode2);
    CHECK(w.disc().tracks[0].session_format == cd_session_format::cd_rom_xa);
    data.check_reads(w);
    CHECK(whole_sectors(w, 60, 10) == samples); // WAVE: little-endian, as the drive keeps CD-DA
    CHECK(whole_sectors(w, 70, 10) == samples); // raw with SWAP: little-endian too, in two statements
    CHECK(w.disc().tracks[5].size == 4);
}

TEST_CASE("a bad toc is refused naming the file, the line and what was expected; nothing is loaded") {
    TempDir dir;
    write_file(dir / "a.bin", seeded_bytes(10 * 2352, 5));
    write_file(dir / "odd.bin", seeded_bytes(10 * 2352 + 6, 5));
    spit(dir / "fake.wav", "not a wave");
    const auto refused = [&](const std::string& toc) {
        spit(dir / "bad.toc", toc);
        auto m = load_toc_image(dir / "bad.toc");
        REQUIRE_FALSE(m.has_value());
        return m.error();
    };
    const std::string at = (dir / "bad.toc").string() + ":";
    const std::string a = "TRACK AUDIO\nFILE \"a.bin\" 0\n";
    // The lexer.
    CHECK(refused("TRACK AUDIO\nFILE \"a.bin 0\n") == at + "2: a string without its closing \"");
    CHECK(refused("CD_TEXT { LANGUAGE_MAP { 0 : EN } LANGUAGE 0 { TITLE \"a\\qb\" } }\n" + a) ==
          at + "1: in a string, \\ must be followed by \", \\ or three octal digits");
    CHECK(refused("CD_DA;\n" + a) == at + "1: unexpected character ';'");
    // The header.
    CHECK(refused("CATALOG \"12345\"\n" + a) == at + "1: CATALOG \"12345\": expected 13 digits");
    CHECK(refused("CD_I\n" + a) == at + "1: CD_I: CD-i discs are not served (expected CD_DA, CD_ROM or CD_ROM_XA)");
    CHECK(refused("FIRST_TRACK_NO 2\n" + a) == at + "1: FIRST_TRACK_NO 2: the drive numbers tracks from 1");
    CHECK(refused("CD_DA\n") == at + "2: expected TRACK (a toc file holds at least one) at the end of the file");
    CHECK(refused(a + "CATALOG \"0123456789012\"\n") == at + "3: expected TRACK or the end of the file at CATALOG");
    std::string many;
    for (int i = 0; i < 100; ++i) many += "TRACK AUDIO\nSILENCE 00:04:00\n";
    CHECK(refused(many) == at + "199: a 100th TRACK: a CD holds at most 99");
    // CD-Text.
    const auto text = [&](const std::string& inside) { return "CD_TEXT {\n" + inside + "\n}\n" + a; };
    CHECK(refused(text("LANGUAGE_MAP { 1 : EN }")) ==
          at + "2: LANGUAGE_MAP 1 : 9: only CD-Text block 0 in English (0 : EN) is served");
    CHECK(refused(text("LANGUAGE_MAP { 0 : 7 }")) ==
          at + "2: LANGUAGE_MAP 0 : 7: only CD-Text block 0 in English (0 : EN) is served");
    CHECK(refused(text("LANGUAGE_MAP { 0 : EN } LANGUAGE 1 { }")) ==
          at + "2: LANGUAGE 1: only CD-Text block 0 (English) is served");
    CHECK(refused(text("LANGUAGE 0 { TITLE \"x\" }")) == at + "2: LANGUAGE 0 before a LANGUAGE_MAP that maps 0 : EN");
    CHECK(refused(text("LANGUAGE_MAP { 0 : EN } LANGUAGE 0 { ENCODING_MS_JIS }")) ==
          at + "2: ENCODING_MS_JIS: CD-Text is served in ISO 8859-1 only");
    CHECK(refused(text("LANGUAGE_MAP { 0 : EN } LANGUAGE 0 { TITLE { 65, 256 } }")) ==
          at + "2: binary CD-Text data 256: expected 0 to 255");
    CHECK(refused(text("LANGUAGE_MAP { 0 : EN } LANGUAGE 0 { DISC_ID \"XY12345\" }")) ==
          at + "2: CD-Text item DISC_ID is not served (the drive's CD-Text holds TITLE, PERFORMER, SONGWRITER, "
               "COMPOSER, ARRANGER and MESSAGE)");
    CHECK(refused(text("LANGUAGE_MAP { 0 : EN } LANGUAGE 0 { NAME \"x\" }")) ==
          at + "2: expected a CD-Text item (TITLE, PERFORMER ...) or '}' at NAME");
    CHECK(refused(text("LANGUAGE_MAP { 0 : EN } LANGUAGE 0 { TITLE 5 }")) ==
          at + "2: expected a \"string\" or { binary data } after TITLE at 5");
    CHECK(refused("CD_TEXT { LANGUAGE_MAP { 0 : EN } }\nTRACK AUDIO\nCD_TEXT { LANGUAGE 0 { SIZE_INFO { 1 } } }\n"
                  "SILENCE 300\n") == at + "3: SIZE_INFO in a track's CD_TEXT: it belongs to the disc's");
    // A track's mode and flags.
    CHECK(refused("TRACK MODE3\nSILENCE 1\n") ==
          at + "1: expected a track mode: AUDIO, MODE1, MODE1_RAW, MODE2, MODE2_FORM_MIX or MODE2_RAW at MODE3");
    CHECK(refused("TRACK MODE2_FORM1\nZERO 2048\n") ==
          at + "1: MODE2_FORM1: sectors kept without their subheader are not served (use MODE2_FORM_MIX or MODE2_RAW)");
    CHECK(refused("TRACK AUDIO RW_RAW\nSILENCE 1\n") ==
          at + "1: RW_RAW: sub-channel data in the data files is not served");
    CHECK(refused("TRACK MODE1\nISRC \"USRC17607839\"\nZERO 2048\n") ==
          at + "2: ISRC on a data track: only audio tracks carry one");
    CHECK(refused("TRACK AUDIO\nISRC \"US-RC1-76-07839\"\nSILENCE 1\n") ==
          at + "2: ISRC \"US-RC1-76-07839\": expected CCOOOYYSSSSS, 5 letters or digits then 7 digits");
    CHECK(refused("TRACK AUDIO\nNO SWAP\nSILENCE 1\n") == at + "2: expected COPY or PRE_EMPHASIS after NO at SWAP");
    CHECK(refused("TRACK MODE1\nPRE_EMPHASIS\nZERO 2048\n") ==
          at + "2: PRE_EMPHASIS on a data track: only audio tracks have it");
    CHECK(refused("TRACK MODE1\nFOUR_CHANNEL_AUDIO\nZERO 2048\n") ==
          at + "2: FOUR_CHANNEL_AUDIO on a data track: only audio tracks have it");
    // Its data.
    CHECK(refused("TRACK AUDIO\nPREGAP 0:0:0\nSILENCE 1\n") ==
          at + "2: PREGAP 00:00:00: the length of a pregap is not zero");
    CHECK(refused("TRACK AUDIO\nPREGAP 0:2:0\nSTART\nSILENCE 1\n") ==
          at + "3: START: the end of the pregap is already given on line 2");
    CHECK(refused("TRACK AUDIO\nINDEX 0:1:0\n") ==
          at + "2: expected the track's data (FILE, AUDIOFILE, DATAFILE, SILENCE, ZERO, PREGAP or START) at INDEX");
    CHECK(refused("TRACK AUDIO\nSILENCE 1\nDATAFILE \"a.bin\"\n") ==
          at + "3: FILE/AUDIOFILE/SILENCE and DATAFILE/ZERO in one track (PREGAP acts as SILENCE in audio tracks)");
    CHECK(refused("TRACK AUDIO\nFIFO \"/tmp/f\" 2352\n") ==
          at + "2: FIFO: data read from a FIFO is not served (an image is served from files)");
    CHECK(refused("TRACK MODE1\nFILE \"a.bin\" 0\n") ==
          at + "2: FILE in a data track: FILE and AUDIOFILE are for audio tracks (DATAFILE for data)");
    CHECK(refused("TRACK AUDIO\nFILE \"-\" 0\n") == at + "2: FILE \"-\": data read from standard input is not served");
    CHECK(refused("TRACK AUDIO\nFILE \"\" 0\n") == at + "2: FILE \"\": a file name is expected");
    CHECK(refused("TRACK MODE1\nSILENCE 1\n") ==
          at + "2: SILENCE in a data track: it is for audio tracks (ZERO for data)");
    CHECK(refused("TRACK AUDIO\nSILENCE 0\n") == at + "2: SILENCE of length 0");
    CHECK(refused("TRACK MODE1\nZERO MODE0 2048\n") ==
          at + "2: ZERO MODE0 in a MODE1 track: zeros of another mode than the track's are not served");
    CHECK(refused("TRACK MODE1\nZERO AUDIO 2048\n") ==
          at + "2: ZERO AUDIO in a MODE1 track: zeros of another mode than the track's are not served");
    CHECK(refused("TRACK MODE1\nZERO MODE1 RW 2048\n") ==
          at + "2: RW: sub-channel data in the data files is not served");
    CHECK(refused("TRACK MODE1\nZERO 0\n") == at + "2: ZERO of length 0");
    CHECK(refused("TRACK AUDIO\nSILENCE 0:60:0\n") ==
          at + "2: time 0:60:0: expected MM:SS:FF, seconds below 60, frames below 75");
    CHECK(refused("TRACK AUDIO\nSILENCE 0:1\n") == at + "3: expected ':' at the end of the file");
    CHECK(refused("TRACK AUDIO\nSILENCE 99999999999999\n") == at + "2: the number 99999999999999 is too large");
    CHECK(refused("TRACK AUDIO\nSTART 1\nSILENCE 1\n") == at + "2: expected MM:SS:FF at 1");
    CHECK(refused("CATALOG 5\n" + a) == at + "1: expected a \"string\" at 5");
    CHECK(refused("CD_TEXT LANGUAGE\n" + a) == at + "1: expected '{' at LANGUAGE");
    // The files.
    CHECK(refused("TRACK AUDIO\nFILE \"song.mp3\" 0\n") ==
          at + "2: song.mp3: mp3 audio is not served (convert it to WAVE or raw samples first)");
    CHECK(refused("TRACK AUDIO\nFILE \"none.bin\" 0\n").starts_with(at + "2: "));
    CHECK(refused("TRACK AUDIO\nFILE \"none.bin\" 0\n").find("none.bin") != std::string::npos);
    CHECK(refused("TRACK AUDIO\nFILE \"fake.wav\" 0\n") ==
          at + "2: " + (dir / "fake.wav").string() + ": named .wav, but not a RIFF/WAVE file");
    CHECK(refused("TRACK AUDIO\nFILE \"a.bin\" 0:0:11\n") == at + "2: starts past the end of a.bin");
    CHECK(refused("TRACK AUDIO\nFILE \"a.bin\" 0 0:0:11\n") ==
          at + "2: a.bin ends 2352 bytes before the statement does");
    CHECK(refused("TRACK AUDIO\nFILE \"a.bin\" 0 100\nSILENCE 0:0:1\n") ==
          at + "2: 400 bytes: not whole 2352-byte blocks, and not the track's last statement");
    CHECK(refused("TRACK AUDIO\nFILE \"a.bin\" 0 100\n") ==
          at + "2: 400 bytes: not whole 2352-byte blocks up to the end of its file");
    CHECK(refused("TRACK MODE1_RAW\nDATAFILE \"odd.bin\"\n") == at + "2: 23526 bytes: not whole 2352-byte blocks");
    CHECK(refused("TRACK AUDIO\nFILE \"a.bin\" 0\nSTART 0:0:10\n") == at + "3: START at or past the end of track 1");
    CHECK(refused("TRACK AUDIO\nSILENCE 60:0:0\nSILENCE 60:0:0\n") ==
          at + "1: track 1: ends at block 540000, more than a CD addresses (" +
              std::to_string(max_capacity_blocks(MediaKind::CdRom)) + ")");
    CHECK(refused("TRACK AUDIO\nSILENCE 1000:0:0\n") == at + "2: more than a CD addresses");
    std::string long_text =
        "CD_TEXT { LANGUAGE_MAP { 0 : EN } LANGUAGE 0 { TITLE \"" + std::string(4000, 'x') + "\" } }\n";
    CHECK(refused(long_text + a) == (dir / "bad.toc").string() + ": more CD-Text than a block's 256 packs hold");
    spit(dir / "big.toc", std::string((1 << 20) + 1, ' '));
    CHECK(load_toc_image(dir / "big.toc").error() ==
          (dir / "big.toc").string() + ": larger than 1 MiB: not a toc file");
    // The track with a file that loads makes sure the refusals above are the statements' own.
    spit(dir / "good.toc", "CD_DA\n" + a);
    CHECK(load_toc_image(dir / "good.toc").has_value());
}

TEST_CASE("a toc is told from a cue sheet by its content, whatever its name") {
    TempDir dir;
    write_file(dir / "a.bin", seeded_bytes(10 * 2352, 6));
    spit(dir / "disc.cue", "// a toc named .cue\nCATALOG \"0123456789012\"\nTRACK AUDIO\nFILE \"a.bin\" 0\n");
    spit(dir / "sheet.toc", "FILE \"a.bin\" BINARY\n  TRACK 01 AUDIO\n    INDEX 01 00:00:00\n");
    CHECK(detect_image_format(dir / "disc.cue") == ImageFormat::Toc);
    CHECK(detect_image_format(dir / "sheet.toc") == ImageFormat::Cue);
    auto m = load_disc_image(dir / "disc.cue");
    REQUIRE_MESSAGE(m.has_value(), (m ? "" : m.error()));
    CHECK(m.value()->disc.mcn == "0123456789012");
}

} // namespace spindle::test::toc_image

// CD-DA audio tracks: written Track At Once (page 05h track mode 0, data block type 0: 2352
// bytes a block, as wodim -audio and libburn send them) and Session At Once (a cue sheet of
// audio tracks), read back with READ CD, refused by READ(10), and reported as audio by READ
// TOC and READ TRACK INFORMATION.
#include "emulator/media/cd_subchannel.hpp"
#include "emulator/media/medium_files.hpp"
#include "emulator/media/msf.hpp"
#include "persistence/persistence_fixture.hpp"
#include "write/write_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

namespace {

std::vector<std::uint8_t> audio_blocks(std::uint32_t seed, std::uint32_t count) {
    std::vector<std::uint8_t> out(std::size_t{count} * 2352);
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = static_cast<std::uint8_t>((seed * 13 + i * 5 + i / 2352) & 0xFF);
    return out;
}

Result write_audio(Writer& w, std::int64_t lba, const std::vector<std::uint8_t>& data) {
    const auto n = static_cast<std::uint16_t>(data.size() / 2352);
    return w.run(scsi::cdb::write10(static_cast<std::uint32_t>(lba), n), 0, data);
}

Result read_cd(Writer& w, std::uint32_t lba, std::uint32_t count, int type, int selection, int sub = 0) {
    return w.run(scsi::cdb::read_cd(static_cast<std::int32_t>(lba), count, static_cast<std::uint8_t>(selection),
                                    static_cast<std::uint8_t>(type), static_cast<std::uint8_t>(sub)),
                 count * (2352 + 96));
}

// Page 05h for Track At Once of an audio track (track mode 0, raw 2352-byte blocks) or a
// Mode 1 data track (track mode 4, data block type 8).
Result tao(Writer& w, bool audio, std::uint8_t multi_session = 0) {
    return w.set_write_parameters([&](std::span<std::uint8_t> p) {
        p[2] = static_cast<std::uint8_t>((p[2] & 0xE0) | 0x01);
        p[3] = static_cast<std::uint8_t>((multi_session << 6) | (audio ? 0x0 : 0x4));
        p[4] = audio ? 0x00 : 0x08;
    });
}

std::vector<std::uint8_t> toc(Writer& w) {
    return w.run(scsi::cdb::read_toc(scsi::cdb::toc_format::toc, 0, 804), 804).data;
}

// Two audio tracks written Track At Once: 3 blocks, the 150-block pause, 2 blocks.
struct TwoAudioTracks {
    Writer w{"blank cd-r"};
    std::vector<std::uint8_t> first = audio_blocks(1, 3), second = audio_blocks(2, 2);
    TwoAudioTracks() {
        REQUIRE(tao(w, true).good());
        REQUIRE(write_audio(w, 0, first).good());
        REQUIRE(w.close(1, 1).good());
        REQUIRE(write_audio(w, 153, second).good());
        REQUIRE(w.close(2).good()); // close the session
    }
};

} // namespace

TEST_CASE("CD-R TAO audio: 2352-byte blocks, no run-out, the next track after the 2 s pause, READ TOC control 0") {
    TwoAudioTracks a;
    Writer& w = a.w;
    const auto t1 = w.track_information(1, 1);
    CHECK((t1[5] & 0x0F) == 0x0);       // track mode: audio
    CHECK((t1[6] & 0x0F) == 0xF);       // data mode: none
    CHECK(scsi::get_be32(t1, 24) == 3); // track size: no run-out after audio
    const auto t = toc(w);
    REQUIRE(t.size() >= 4 + 3 * 8);
    CHECK(t[5] == 0x10); // track 1: ADR 1, control 0
    CHECK(scsi::get_be32(t, 8) == 0);
    CHECK(t[13] == 0x10);
    CHECK(scsi::get_be32(t, 16) == 153);
    CHECK(t[22] == 0xAA);
    CHECK(scsi::get_be32(t, 24) == 155);
    CHECK(w.capacity() == 154);
}

TEST_CASE("READ CD returns the audio as written; READ(10) and a Mode 1 READ CD are ILLEGAL MODE FOR THIS TRACK") {
    TwoAudioTracks a;
    Writer& w = a.w;
    for (const int type : {0, 1}) {
        auto r = read_cd(w, 0, 3, type, 0x10);
        REQUIRE(r.sense() == "GOOD");
        CHECK(r.data == a.first);
    }
    CHECK(read_cd(w, 153, 2, 1, 0xF8).data == a.second); // sync, headers, EDC mean nothing to CD-DA
    CHECK(read_cd(w, 0, 1, 1, 0x00).data.empty());
    auto mode1 = read_cd(w, 1, 1, 2, 0x10);
    CHECK(sense_of(mode1) == sense(0x5, 0x64, 0x00).with_information(1));
    auto r10 = w.read(1, 1);
    CHECK(sense_of(r10) == sense(0x5, 0x64, 0x00).with_information(1));
    CHECK(r10.sense_bytes()[6] == 1);
}

TEST_CASE("the pause before an audio track reads as silence, Q index 0 counting down to the track, P set") {
    TwoAudioTracks a;
    Writer& w = a.w;
    auto r = read_cd(w, 2, 3, 1, 0x10, 2); // the first track's last block, then two of the pause
    REQUIRE(r.sense() == "GOOD");
    REQUIRE(r.data.size() == 3 * (2352 + 16));
    CHECK(std::equal(r.data.begin(), r.data.begin() + 2352, a.first.begin() + 2 * 2352));
    const std::uint8_t* q0 = r.data.data() + 2352;
    CHECK(std::vector<std::uint8_t>(q0, q0 + 6) == bytes({0x01, 0x01, 0x01, 0x00, 0x00, 0x02}));
    const std::uint8_t* pause = r.data.data() + 2368;
    CHECK(std::all_of(pause, pause + 2352, [](std::uint8_t v) { return v == 0; }));
    const std::uint8_t* q1 = pause + 2352; // LBA 3: track 2, index 0, 150 blocks (2 s) before it
    CHECK(std::vector<std::uint8_t>(q1, q1 + 10) == bytes({0x01, 0x02, 0x00, 0x00, 0x02, 0x00, 0, 0x00, 0x02, 0x03}));
    auto raw = read_cd(w, 100, 1, 1, 0x00, 1);
    REQUIRE(raw.data.size() == 96);
    const auto pw = cd::raw_pw(cd::q_position(0x0, 2, 0, 53, 100), true);
    CHECK(std::equal(pw.begin(), pw.end(), raw.data.begin()));
    CHECK((raw.data[0] & 0x80) != 0);
}

TEST_CASE("a data track after an audio one: the transfer may not cross between them") {
    Writer w("blank cd-r");
    REQUIRE(tao(w, true, 3).good());
    REQUIRE(write_audio(w, 0, audio_blocks(3, 4)).good());
    REQUIRE(w.close(1, 1).good());
    REQUIRE(tao(w, false, 3).good());
    REQUIRE(w.write(154, 16).good());
    REQUIRE(w.close(2).good());
    const auto t = toc(w);
    CHECK(t[5] == 0x10);
    CHECK(t[13] == 0x14);
    CHECK(w.read(154, 16).good());
    auto cross = read_cd(w, 150, 8, 0, 0x10); // the pause of a data track is not readable
    CHECK(sense_of(cross) == sense(0x5, 0x21, 0x00).with_information(150));
    auto into_audio = read_cd(w, 2, 4, 0, 0x10);
    CHECK(sense_of(into_audio) ==
          sense(0x5, 0x21, 0x00).with_information(2)); // past track 1: the gap before a data track
    CHECK(sense_of(read_cd(w, 154, 2, 1, 0x10)) == sense(0x5, 0x64, 0x00).with_information(154));
}

TEST_CASE("CD TAO: SYNCHRONIZE CACHE ends the track (cdrecord sends no CLOSE TRACK); libburn's CLOSE TRACK FFh after "
          "it is GOOD") {
    Writer w("blank cd-r");
    REQUIRE(tao(w, false, 3).good());
    REQUIRE(w.write(0, 300).good());
    REQUIRE(w.sync().good());
    const auto next = w.track_information(1, 0xFF);
    CHECK(next[2] == 2);                          // a new track
    CHECK(scsi::get_be32(next, 12) == 302 + 150); // NWA: after the run-out and the pregap
    CHECK(scsi::get_be32(w.track_information(1, 1), 24) == 302);
    CHECK(w.close(1, 0xFF).good());
    REQUIRE(tao(w, true, 3).good());
    REQUIRE(write_audio(w, 452, audio_blocks(4, 300)).good());
    REQUIRE(w.sync().good());
    CHECK(scsi::get_be32(w.track_information(1, 0xFF), 12) == 452 + 300 + 150); // audio: no run-out
    REQUIRE(w.close(2).good());
    const auto t = toc(w);
    CHECK(t[5] == 0x14);
    CHECK(t[13] == 0x10);
    CHECK(scsi::get_be32(t, 16) == 452);
}

TEST_CASE("page 05h's track mode and data block type must agree: audio takes raw blocks, data Mode 1 or 2 Form 1") {
    Writer w("blank cd-r");
    REQUIRE(w.set_write_parameters([](std::span<std::uint8_t> p) {
                 p[3] = static_cast<std::uint8_t>(p[3] & 0xF0); // track mode 0: audio
                 p[4] = 0x08;                                   // Mode 1 blocks
             }).good());
    auto r = write_audio(w, 0, audio_blocks(1, 1));
    CHECK(sense_of(r) == sense(0x5, 0x64, 0x00).with_information(0));
    REQUIRE(tao(w, false).good());
    REQUIRE(w.set_write_parameters([](std::span<std::uint8_t> p) { p[4] = 0x00; }).good()); // data, raw blocks
    CHECK(sense_of(w.write(0, 1)) == sense(0x5, 0x64, 0x00).with_information(0));
    CHECK(w.disc().tracks[0].blank());
}

TEST_CASE("CD-R SAO audio: a cue sheet of two audio tracks, the pregap sent as 2352-byte blocks, READ CD reads both") {
    Writer w("blank cd-r");
    REQUIRE(w.set_write_mode(2).good());
    std::vector<std::uint8_t> cue;
    auto entry = [&](std::uint8_t ctl_adr, std::uint8_t tno, std::uint8_t index, std::uint8_t form, std::int64_t lba) {
        const Msf m = lba_to_msf(lba);
        for (const int b : {int{ctl_adr}, int{tno}, int{index}, int{form}, 0, int{m.m}, int{m.s}, int{m.f}})
            cue.push_back(static_cast<std::uint8_t>(b));
    };
    entry(0x01, 0, 0, 0x01, -150);
    entry(0x01, 1, 0, 0x00, -150);
    entry(0x01, 1, 1, 0x00, 0);
    entry(0x01, 2, 0, 0x00, 20);
    entry(0x01, 2, 1, 0x00, 30);
    entry(0x01, 0xAA, 1, 0x01, 50);
    REQUIRE(w.run(scsi::cdb::send_cue_sheet(static_cast<std::uint32_t>(cue.size())), 0, cue).good());
    REQUIRE(write_audio(w, -150, std::vector<std::uint8_t>(150 * 2352, 0)).good()); // the pregap
    const auto music = audio_blocks(5, 50);
    const auto split = music.begin() + 30 * 2352; // a WRITE ends with its track, as burners send them
    REQUIRE(write_audio(w, 0, std::vector<std::uint8_t>(music.begin(), split)).good());
    REQUIRE(write_audio(w, 30, std::vector<std::uint8_t>(split, music.end())).good());
    REQUIRE(w.sync().good());
    CHECK((w.disc_information()[2] & 0x03) == 2); // complete
    const auto t = toc(w);
    CHECK(t[5] == 0x10);
    CHECK(scsi::get_be32(t, 16) == 30);
    CHECK(t[21] == 0x10); // the lead-out follows an audio track
    CHECK(scsi::get_be32(t, 24) == 50);
    CHECK(read_cd(w, 0, 50, 1, 0x10).data == music);
}

TEST_CASE("audio survives the disc's files: kept with its image, and copied when kept elsewhere") {
    TempDir dir;
    const auto music = audio_blocks(7, 6);
    {
        Writer w("blank cd-r image=" + (dir / "disc.img").string());
        REQUIRE(tao(w, true).good());
        REQUIRE(write_audio(w, 0, music).good());
        REQUIRE(w.close(2).good());
        REQUIRE(keep_medium_at(*w.t->drive.state().medium, dir / "copy.img"));
        CHECK(std::filesystem::exists(dir / "copy.img.cdda"));
    }
    for (const char* name : {"disc.img", "copy.img"}) {
        CAPTURE(name);
        auto m = open_medium(dir / name);
        REQUIRE(m);
        Writer w("blank cd-r");
        w.load(std::move(*m));
        CHECK(read_cd(w, 0, 6, 1, 0x10).data == music);
    }
}

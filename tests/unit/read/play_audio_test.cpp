// CD audio the drive plays on its clock: PLAY AUDIO(10)/(12)/MSF, PAUSE/RESUME, STOP PLAY/SCAN
// and SCAN, as READ SUB-CHANNEL, REQUEST SENSE and the commands that interrupt a play see them.
// Expectations come from MMC-3 6.1.12-6.1.18 and table 415 (audio status), and from CD time:
// 75 blocks a second at 1x, LBA 0 = 00:02:00.
#include "read/read_fixture.hpp"
#include "scsi/cdb_audio.hpp"
#include "scsi/cdb_mechanism.hpp"
#include "scsi/cdb_read.hpp"

#include <fstream>

using namespace spindle;
using namespace spindle::test;

namespace {

constexpr std::uint8_t playing = 0x11, paused = 0x12, completed = 0x13, no_status = 0x15;

// An audio CD of two raw CD-DA tracks of 750 and 375 blocks (10 s and 5 s).
struct AudioCd {
    AudioCd() : dir(std::filesystem::temp_directory_path() / ("spindle-play-" + std::to_string(::getpid()))) {
        std::filesystem::create_directories(dir);
        std::ofstream(dir / "one.cdda", std::ios::binary) << std::string(750 * 2352, '\x11');
        std::ofstream(dir / "two.cdda", std::ios::binary) << std::string(375 * 2352, '\x22');
        drive.emplace("cd-da from " + (dir / "one.cdda").string() + " " + (dir / "two.cdda").string());
    }
    ~AudioCd() { std::filesystem::remove_all(dir); }
    AudioCd(const AudioCd&) = delete;
    AudioCd& operator=(const AudioCd&) = delete;

    std::filesystem::path dir;
    std::optional<LoadedDrive> drive;
    LoadedDrive& d() { return *drive; }
    void seconds(double s) { d().t.clock.advance(std::chrono::milliseconds(static_cast<long>(s * 1000))); }
};

std::vector<std::uint8_t> play10(std::uint32_t lba, std::uint16_t length) {
    return as_vector(scsi::cdb::play_audio10(lba, length));
}
std::vector<std::uint8_t> play12(std::uint32_t lba, std::uint32_t length) {
    return as_vector(scsi::cdb::play_audio12(lba, length));
}
std::vector<std::uint8_t> play_msf(scsi::cdb::Msf start, scsi::cdb::Msf end) {
    return as_vector(scsi::cdb::play_audio_msf(start, end));
}
std::vector<std::uint8_t> pause_resume(bool resume) { return as_vector(scsi::cdb::pause_resume(resume)); }
std::vector<std::uint8_t> stop_play() { return as_vector(scsi::cdb::stop_play_scan()); }
std::vector<std::uint8_t> current_position(bool msf = false) {
    return as_vector(scsi::cdb::read_subchannel(1, 16, true, msf));
}

struct Position {
    std::uint8_t status, track, index;
    std::uint32_t absolute, relative;
};

Position where(AudioCd& cd) {
    const auto q = cd.d().run(current_position(), 16).data;
    REQUIRE(q.size() == 16);
    return Position{q[1], q[6], q[7], scsi::get_be32(q, 8), scsi::get_be32(q, 12)};
}

} // namespace

TEST_CASE("PLAY AUDIO MSF plays at 75 blocks a second; READ SUB-CHANNEL follows it, then reports completion once") {
    AudioCd cd;
    REQUIRE(cd.d().run(play_msf({0, 2, 0}, {0, 4, 0})).sense() == "GOOD"); // LBA 0 up to 150, not included
    auto p = where(cd);
    CHECK(p.status == playing);
    CHECK(p.absolute == 0);
    cd.seconds(1);
    p = where(cd);
    CHECK(p.status == playing);
    CHECK(p.absolute == 75);
    CHECK(p.relative == 75);
    CHECK(p.track == 1);
    CHECK(p.index == 1);
    // The MSF form of the same position: 00:03:00 absolute, 00:01:00 in the track.
    const auto q = cd.d().run(current_position(true), 16).data;
    CHECK(std::vector<std::uint8_t>(q.begin() + 8, q.end()) == bytes({0, 0, 3, 0, 0, 0, 1, 0}));
    cd.seconds(1.5);
    p = where(cd);
    CHECK(p.status == completed);
    CHECK(p.absolute == 149); // the last block played
    CHECK(where(cd).status == no_status);
}

TEST_CASE("PAUSE holds the position and REQUEST SENSE says so; RESUME goes on from there") {
    AudioCd cd;
    REQUIRE(cd.d().run(play10(100, 300)).sense() == "GOOD");
    cd.seconds(2);
    REQUIRE(cd.d().run(pause_resume(false)).sense() == "GOOD");
    CHECK(where(cd).status == paused);
    CHECK(where(cd).absolute == 250);
    cd.seconds(3);
    CHECK(where(cd).absolute == 250);
    const auto sense = cd.d().run(as_vector(scsi::cdb::request_sense(18)), 18).data;
    REQUIRE(sense.size() == 18);
    CHECK(sense[2] == 0x00);                                  // NO SENSE
    CHECK((sense[12] == 0x00 && sense[13] == 0x12));          // AUDIO PLAY OPERATION PAUSED
    CHECK(cd.d().run(pause_resume(false)).sense() == "GOOD"); // pausing while paused is no error
    REQUIRE(cd.d().run(pause_resume(true)).sense() == "GOOD");
    CHECK(cd.d().run(pause_resume(true)).sense() == "GOOD"); // nor resuming while playing
    cd.seconds(1);
    CHECK(where(cd).status == playing);
    CHECK(where(cd).absolute == 325);
    const auto playing_sense = cd.d().run(as_vector(scsi::cdb::request_sense(18)), 18).data;
    CHECK((playing_sense[12] == 0x00 && playing_sense[13] == 0x11)); // AUDIO PLAY OPERATION IN PROGRESS
}

TEST_CASE("a play crosses from one audio track into the next, and a start of FFFFFFFFh means from here") {
    AudioCd cd;
    REQUIRE(cd.d().run(play12(700, 200)).sense() == "GOOD");
    cd.seconds(1);
    auto p = where(cd);
    CHECK(p.absolute == 775);
    CHECK(p.track == 2);
    CHECK(p.relative == 25);
    REQUIRE(cd.d().run(pause_resume(false)).sense() == "GOOD");
    REQUIRE(cd.d().run(play10(0xFFFF'FFFF, 10)).sense() == "GOOD"); // from 775
    cd.seconds(10);
    CHECK(where(cd).status == completed);
    CHECK(where(cd).absolute == 784);
}

TEST_CASE("what a drive refuses to play, and what is no play at all") {
    AudioCd cd;
    CHECK(cd.d().run(play10(1000, 200)).sense() == "5/21/00"); // past the last block (1125)
    // Start after end: INVALID FIELD IN CDB naming byte 3, the start.
    CHECK(sense_of(cd.d().run(play_msf({0, 4, 0}, {0, 3, 0}))) == scsi::sense::invalid_field_in_cdb(3));
    CHECK(cd.d().run(play10(10, 0)).sense() == "GOOD");                  // length 0: nothing to play
    CHECK(cd.d().run(play_msf({0, 3, 0}, {0, 3, 0})).sense() == "GOOD"); // start = end: nothing either
    CHECK(where(cd).status == no_status);
    CHECK(cd.d().run(pause_resume(false)).sense() == "5/2C/00"); // nothing plays: COMMAND SEQUENCE ERROR

    RomDrive data; // a Mode 1 data track
    CHECK(data.run(play10(0, 5)).sense() == "5/64/00");
}

TEST_CASE("STOP PLAY/SCAN, START STOP UNIT and READ(10) end a play; READ SUB-CHANNEL does not") {
    AudioCd cd;
    REQUIRE(cd.d().run(play10(0, 750)).sense() == "GOOD");
    cd.seconds(1);
    REQUIRE(cd.d().run(stop_play()).sense() == "GOOD");
    CHECK(where(cd).status == no_status);
    CHECK(where(cd).absolute == 75); // the position stays where the play stopped

    REQUIRE(cd.d().run(play10(0, 750)).sense() == "GOOD");
    REQUIRE(cd.d().run(as_vector(scsi::cdb::start_stop_unit(false, false, true))).sense() == "GOOD"); // stop
    CHECK(where(cd).status == no_status);

    REQUIRE(cd.d().run(play10(0, 750)).sense() == "GOOD");
    cd.d().run(as_vector(scsi::cdb::read10(0, 1)), 2048); // READ(10): refused on audio, still ends the play
    CHECK(where(cd).status == no_status);
}

TEST_CASE("SCAN moves eight times as fast, forward or back, until STOP PLAY/SCAN") {
    AudioCd cd;
    // SCAN from LBA 100 forward (type 00b).
    REQUIRE(cd.d().run(as_vector(scsi::cdb::scan(false, 100, 0))).sense() == "GOOD");
    cd.seconds(1);
    CHECK(where(cd).status == playing);
    CHECK(where(cd).absolute == 700);
    cd.seconds(1); // runs through track 2 and ends at the last audio block
    CHECK(where(cd).status == completed);
    CHECK(where(cd).absolute == 1124);
    // Back from track 2 (type 10b, the track number in byte 5).
    REQUIRE(cd.d().run(as_vector(scsi::cdb::scan(true, 2, 2))).sense() == "GOOD");
    cd.seconds(0.5);
    CHECK(where(cd).absolute == 450);
    REQUIRE(cd.d().run(stop_play()).sense() == "GOOD");
    CHECK(where(cd).status == no_status);
}

TEST_CASE("opening the tray ends a play") {
    AudioCd cd;
    REQUIRE(cd.d().run(play10(0, 750)).sense() == "GOOD");
    cd.d().t.drive.open_tray();
    CHECK(cd.d().t.drive.state().audio.active == false);
}

// `appendable cd-r from DISC.cue` and `closed cd-rw from ...`: a CD image as a recordable disc.
// Its tracks keep their addresses and data (copied into the disc's own store), its sessions
// are closed, and an appendable one takes a new session where a drive puts the next one.
#include "emulator/media/presets.hpp"
#include "images/image_fixture.hpp"
#include "persistence/persistence_fixture.hpp"

#include <fstream>

using namespace spindle;
using namespace spindle::test;

namespace spindle::test::recordable_image {

// Session 1: 40 Mode 1 blocks and 30 of audio; session 2: 20 Mode 1 blocks (at 70 + 11400).
struct TwoSessions {
    TempDir dir;
    Bytes one = seeded_bytes(40 * 2048, 1), audio = seeded_bytes(30 * 2352, 2), two = seeded_bytes(20 * 2048, 3);
    TwoSessions() {
        write_file(dir / "1.bin", one);
        write_file(dir / "2.bin", audio);
        write_file(dir / "3.bin", two);
        std::ofstream(dir / "disc.cue") << "FILE \"1.bin\" BINARY\n  TRACK 01 MODE1/2048\n    INDEX 01 00:00:00\n"
                                           "FILE \"2.bin\" BINARY\n  TRACK 02 AUDIO\n    INDEX 01 00:00:00\n"
                                           "REM SESSION 02\n"
                                           "FILE \"3.bin\" BINARY\n  TRACK 03 MODE1/2048\n    INDEX 01 00:00:00\n";
    }
    std::string cue() const { return (dir / "disc.cue").string(); }
};

} // namespace spindle::test::recordable_image

using namespace spindle::test::recordable_image;

TEST_CASE("appendable cd-r from a cue sheet: the image's sessions closed, a third one written after them") {
    TwoSessions s;
    Writer w("appendable cd-r from " + s.cue());
    CHECK(w.current_profile() == 0x0009); // CD-R
    REQUIRE(w.disc().tracks.size() == 4);
    const Track& open = w.disc().tracks.back();
    CHECK(open.invisible);
    CHECK(open.session == 3);
    CHECK(open.start == 11470 + 20 + 6900); // after the second session's lead-out, lead-in and pregap
    CHECK(w.disc_information()[2] == 0x01); // appendable, last session empty
    REQUIRE(w.read(0, 40).good());
    CHECK(w.read(0, 40).data == s.one);
    CHECK(w.read(11470, 20).data == s.two);
    const auto audio = w.run(scsi::cdb::read_cd(40, 30, scsi::cdb::read_cd_main::whole_sector), 30 * 2352);
    REQUIRE(audio.good());
    CHECK(audio.data == s.audio);

    // A Track At Once data track in the new session, then the session closed.
    REQUIRE(w.set_write_mode(0x01, 0x03).good());
    REQUIRE(w.write(open.start, 16, 5).good());
    REQUIRE(w.sync().good());
    REQUIRE(w.close(0x01, 4).good());
    REQUIRE(w.close(0x02).good());
    CHECK(w.disc().complete_session_count() == 3);
    CHECK(w.reads_back(18390, 16, 5));
    CHECK(w.read(11470, 20).data == s.two); // the image's sessions are untouched
}

TEST_CASE("closed cd-rw from a cue sheet: the image's sessions, nothing left open") {
    TwoSessions s;
    Writer w("closed cd-rw from " + s.cue());
    CHECK(w.current_profile() == 0x000A); // CD-RW
    CHECK(w.disc().tracks.size() == 3);
    CHECK((w.disc_information()[2] & 0x03) == 0x02); // complete
    CHECK(w.read(11470, 20).data == s.two);
}

TEST_CASE("a CD image makes only a recordable CD") {
    TwoSessions s;
    auto m = make_medium("appendable dvd+r from " + s.cue());
    REQUIRE_FALSE(m.has_value());
    CHECK(m.error() == "media preset: " + s.cue() + " is a CD image: it makes an appendable or closed cd-r or cd-rw");
}

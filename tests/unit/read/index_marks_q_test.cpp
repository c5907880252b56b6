// Index marks a Session At Once cue sheet gives (ADR 1 descriptors of index 2 and on): kept with
// the track, and reported by READ CD's Q and READ SUB-CHANNEL's current position alike.
#include "emulator/media/msf.hpp"
#include "persistence/persistence_fixture.hpp"
#include "write/write_fixture.hpp"

#include <fstream>

using namespace spindle;
using namespace spindle::test;

namespace index_marks_q {

// Descriptors of MMC-6 table 590: CTL/ADR, TNO, INDEX, DATA FORM, SCMS, MSF.
struct CueBuilder {
    std::vector<std::uint8_t> bytes;
    CueBuilder& entry(std::uint8_t tno, std::uint8_t index, std::uint8_t form, std::int64_t lba) {
        const Msf m = lba_to_msf(lba);
        for (const int b : {0x01, int{tno}, int{index}, int{form}, 0, int{m.m}, int{m.s}, int{m.f}})
            bytes.push_back(static_cast<std::uint8_t>(b));
        return *this;
    }
};

// An audio session: track 1 from 0 (index 2 at 20, 3 at 35), track 2 from 50 (index 2 at 60),
// the lead-out at 80; `marks` added after track 1's index 1.
CueBuilder session(const std::vector<std::pair<std::uint8_t, std::int64_t>>& marks) {
    CueBuilder c;
    c.entry(0, 0, 0x01, -150).entry(1, 0, 0x00, -150).entry(1, 1, 0x00, 0);
    for (const auto& [index, lba] : marks) c.entry(1, index, 0x00, lba);
    c.entry(2, 1, 0x00, 50).entry(2, 2, 0x00, 60).entry(0xAA, 1, 0x01, 80);
    return c;
}

Result send_cue(Writer& w, const std::vector<std::uint8_t>& cue) {
    return w.run(scsi::cdb::send_cue_sheet(static_cast<std::uint32_t>(cue.size())), 0, cue);
}

void burn(Writer& w, const std::vector<std::uint8_t>& cue) {
    REQUIRE(w.set_write_mode(2).good());
    REQUIRE(send_cue(w, cue).good());
    REQUIRE(w.run(scsi::cdb::write10(static_cast<std::uint32_t>(-150), 150), 0, std::vector<std::uint8_t>(150 * 2352))
                .good());
    REQUIRE(w.run(scsi::cdb::write10(0, 50), 0, std::vector<std::uint8_t>(50 * 2352, 0x22)).good());
    REQUIRE(w.run(scsi::cdb::write10(50, 30), 0, std::vector<std::uint8_t>(30 * 2352, 0x33)).good());
    REQUIRE(w.sync().good());
}

// Track and index (BCD) of block `lba`: READ CD's formatted Q, then READ SUB-CHANNEL's current
// position after that read.
std::pair<std::pair<int, int>, std::pair<int, int>> positions(Writer& w, std::uint32_t lba) {
    const auto r = w.run(scsi::cdb::read_cd(static_cast<std::int32_t>(lba), 1, 0x10, 1, 2), 2352 + 16);
    REQUIRE_MESSAGE(r.good(), r.sense() << " at " << lba);
    const auto s = w.run(std::vector<std::uint8_t>{0x42, 0, 0x40, 1, 0, 0, 0, 0, 16, 0}, 16);
    REQUIRE(s.data.size() == 16);
    CHECK(scsi::get_be32(s.data, 8) == lba);
    return {{r.data[2352 + 1], r.data[2352 + 2]}, {s.data[6], s.data[7]}};
}

} // namespace index_marks_q

using namespace index_marks_q;

TEST_CASE("SAO: a cue sheet's index 2 and 3 become the track's marks; READ CD's Q and READ SUB-CHANNEL agree") {
    Writer w("blank cd-r");
    burn(w, session({{2, 20}, {3, 35}}).bytes);
    CHECK(w.disc().tracks[0].index_marks == std::vector<std::uint32_t>{20, 35});
    CHECK(w.disc().tracks[1].index_marks == std::vector<std::uint32_t>{60});
    for (const auto& [lba, track, index] : std::vector<std::tuple<std::uint32_t, int, int>>{{0, 1, 1},
                                                                                            {19, 1, 1},
                                                                                            {20, 1, 2},
                                                                                            {21, 1, 2},
                                                                                            {34, 1, 2},
                                                                                            {35, 1, 3},
                                                                                            {49, 1, 3},
                                                                                            {50, 2, 1},
                                                                                            {59, 2, 1},
                                                                                            {60, 2, 2},
                                                                                            {79, 2, 2}}) {
        CAPTURE(lba);
        const auto [q, current] = positions(w, lba);
        CHECK(q == std::pair{track, index});
        CHECK(current == std::pair{track, index});
    }
}

TEST_CASE("SAO: index marks out of order, at their track's start or past its end are refused at their byte") {
    const auto refused = [](const std::vector<std::pair<std::uint8_t, std::int64_t>>& marks) {
        Writer w("blank cd-r");
        REQUIRE(w.set_write_mode(2).good());
        return sense_of(send_cue(w, session(marks).bytes));
    };
    // Track 1's first mark is the fourth descriptor: bytes 24-31.
    CHECK(refused({{3, 20}}) == scsi::sense::invalid_field_in_parameter_list(24 + 2));
    CHECK(refused({{2, 20}, {2, 30}}) == scsi::sense::invalid_field_in_parameter_list(32 + 2));
    CHECK(refused({{2, 0}}) == scsi::sense::invalid_field_in_parameter_list(24 + 5));
    CHECK(refused({{2, 20}, {3, 20}}) == scsi::sense::invalid_field_in_parameter_list(32 + 5));
    CHECK(refused({{2, 50}}) == scsi::sense::invalid_field_in_parameter_list(32 + 5)); // track 2's index 1 at it
    CHECK(refused({{100, 20}}) == scsi::sense::invalid_field_in_parameter_list(24 + 2));
    // After track 2's pregap began, a mark of track 1 is out of place.
    CueBuilder c;
    c.entry(0, 0, 0x01, -150).entry(1, 0, 0x00, -150).entry(1, 1, 0x00, 0).entry(2, 0, 0x00, 40);
    c.entry(1, 2, 0x00, 45).entry(2, 1, 0x00, 50).entry(0xAA, 1, 0x01, 80);
    Writer w("blank cd-r");
    REQUIRE(w.set_write_mode(2).good());
    CHECK(sense_of(send_cue(w, c.bytes)) == scsi::sense::invalid_field_in_parameter_list(32 + 1));
}

TEST_CASE("READ SUB-CHANNEL in the pause before an audio track: that track, index 0, counting down as Q does") {
    TempDir dir;
    std::ofstream(dir / "a.bin", std::ios::binary) << std::string(40 * 2352, '\x44');
    std::ofstream(dir / "a.cue") << "FILE \"a.bin\" BINARY\n  TRACK 01 AUDIO\n    INDEX 01 00:00:00\n"
                                    "  TRACK 02 AUDIO\n    PREGAP 00:00:10\n    INDEX 01 00:00:20\n";
    Writer w("rom from " + (dir / "a.cue").string()); // track 1 at 0, its pause 20-29, track 2 at 30
    REQUIRE(w.disc().tracks[1].start == 30);
    const auto [q, current] = positions(w, 25);
    CHECK(q == std::pair{2, 0});
    CHECK(current == std::pair{2, 0});
    const auto lba = w.run(std::vector<std::uint8_t>{0x42, 0, 0x40, 1, 0, 0, 0, 0, 16, 0}, 16).data;
    CHECK(scsi::get_be32(lba, 12) == static_cast<std::uint32_t>(-5)); // 5 blocks before its start
    const auto msf = w.run(std::vector<std::uint8_t>{0x42, 0x02, 0x40, 1, 0, 0, 0, 0, 16, 0}, 16).data;
    CHECK(scsi::get_be32(msf, 12) == 0x00000005); // 00:00:05 to go, as Q's relative time
    CHECK(positions(w, 19).second == std::pair{1, 1});
    CHECK(positions(w, 30).second == std::pair{2, 1});
}

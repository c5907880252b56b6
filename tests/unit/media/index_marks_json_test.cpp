// Index marks in a disc's metadata: kept when there are some, absent when none, and a list
// that is not ascending LBAs inside its track refused by field.
#include "emulator/media/cd_block_q.hpp"
#include "emulator/media/disc_json.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace spindle;

namespace index_marks_json {

// A closed audio CD track of 1000 blocks from LBA 0, index 2 at 100 and 3 at 400.
Disc marked_disc() {
    Disc d;
    d.kind = MediaKind::CdR;
    d.capacity_blocks = 359849;
    d.status = DiscStatus::Complete;
    d.last_session = SessionState::Complete;
    Track t;
    t.size = t.recorded = 1000;
    t.closed = true;
    t.track_mode = 0;
    t.index_marks = {100, 400};
    d.tracks.push_back(t);
    return d;
}

std::string with_marks(const std::string& text, const std::string& marks) {
    std::string t = text;
    const auto at = t.find("\"index_marks\"");
    REQUIRE(at != std::string::npos);
    const auto end = t.find(']', at);
    t.replace(at, end + 1 - at, "\"index_marks\": " + marks);
    return t;
}

} // namespace index_marks_json

using namespace index_marks_json;

TEST_CASE("kept metadata: index marks round-trip, and Q's index number counts them") {
    const Disc d = marked_disc();
    REQUIRE(validate_disc(d));
    REQUIRE(validate_disc_state(d));
    const auto text = disc_to_json(d);
    CHECK(text.find("\"index_marks\"") != std::string::npos);
    const auto back = disc_from_json(text);
    REQUIRE(back);
    CHECK(*back == d);
    const Track& t = back->tracks[0];
    CHECK(block_q(*back, &t, false, 99)[2] == 0x01);
    CHECK(block_q(*back, &t, false, 100)[2] == 0x02);
    CHECK(block_q(*back, &t, false, 399)[2] == 0x02);
    CHECK(block_q(*back, &t, false, 400)[2] == 0x03);
    Disc none = d;
    none.tracks[0].index_marks.clear();
    CHECK(disc_to_json(none).find("index_marks") == std::string::npos);
}

TEST_CASE("kept metadata: index marks out of order, outside the track, too many or not numbers are refused") {
    const auto text = disc_to_json(marked_disc());
    for (const char* bad : {"[400, 100]", "[100, 100]", "[0]", "[1000]", "[-5]", "[\"100\"]", "{}", "[4294967296]"}) {
        CAPTURE(bad);
        const auto r = disc_from_json(with_marks(text, bad));
        REQUIRE_FALSE(r);
        CHECK(r.error().find("tracks[0]") == 0);
        CHECK(r.error().find("index_marks") != std::string::npos);
    }
    std::string many = "[";
    for (int i = 1; i <= 99; ++i) many += std::to_string(i) + (i < 99 ? "," : "]");
    CHECK(disc_from_json(with_marks(text, many)).error().find("at most 98") != std::string::npos);
    // A mark in the run-out is past what the track can be read in.
    Disc d = marked_disc();
    d.tracks[0].run_out = 2;
    d.tracks[0].index_marks = {999};
    CHECK(validate_disc(d));
    CHECK(validate_disc_state(d).error().find("tracks[0]: index_marks: 999") == 0);
    Disc dvd = marked_disc();
    dvd.kind = MediaKind::DvdRom;
    dvd.tracks[0].track_mode = 4;
    CHECK(validate_disc(dvd).error() == "tracks[0]: index_marks: index marks exist on CDs only");
}

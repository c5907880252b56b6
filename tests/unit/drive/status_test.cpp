// TEST UNIT READY and REQUEST SENSE.
#include "profile_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

namespace {
std::unique_ptr<Medium> dvd_plus_r() {
    auto m = std::make_unique<Medium>();
    m->disc.kind = MediaKind::DvdPlusR;
    m->disc.capacity_blocks = 2'295'104;
    return m;
}
} // namespace

TEST_CASE("TEST UNIT READY with the tray open is 2/3A/02, closed and empty 2/3A/01") {
    TestDrive t(small_profile());
    t.settled();
    t.drive.open_tray();
    CHECK(sense_of(t.run({0x00, 0, 0, 0, 0, 0})) == sense(0x2, 0x3A, 0x02));
    t.drive.close_tray();
    CHECK(sense_of(t.run({0x00, 0, 0, 0, 0, 0})) == sense(0x2, 0x3A, 0x01));
}

TEST_CASE("TEST UNIT READY is GOOD once a loaded disc is ready and the change is reported") {
    TestDrive t(small_profile("timings: {becoming_ready_ms: 2000}\n"));
    t.settled();
    t.drive.load(dvd_plus_r());
    CHECK(sense_of(t.run({0x00, 0, 0, 0, 0, 0})) == sense(0x2, 0x04, 0x01));
    t.clock.advance(std::chrono::milliseconds(1999));
    CHECK(sense_of(t.run({0x00, 0, 0, 0, 0, 0})) == sense(0x2, 0x04, 0x01));
    t.clock.advance(std::chrono::milliseconds(1));
    CHECK(sense_of(t.run({0x00, 0, 0, 0, 0, 0})) == sense(0x6, 0x28, 0x00));
    CHECK(t.run({0x00, 0, 0, 0, 0, 0}).good());
}

TEST_CASE("REQUEST SENSE reports a pending unit attention and consumes it") {
    TestDrive t(small_profile());
    auto r = t.run(as_vector(scsi::cdb::request_sense(18)), 18);
    REQUIRE(r.good());
    CHECK(r.data == bytes({0x70, 0, 0x06, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x29, 0x00, 0, 0, 0, 0}));
    r = t.run(as_vector(scsi::cdb::request_sense(18)), 18);
    REQUIRE(r.good());
    CHECK(r.data == bytes({0x70, 0, 0x02, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x3A, 0x01, 0, 0, 0, 0}));
}

TEST_CASE("REQUEST SENSE on a ready drive is NO SENSE") {
    TestDrive t(small_profile("timings: {becoming_ready_ms: 0}\n"));
    t.settled();
    t.drive.load(dvd_plus_r());
    t.settled();
    auto r = t.run(as_vector(scsi::cdb::request_sense(252)), 252);
    REQUIRE(r.good());
    CHECK(r.data == bytes({0x70, 0, 0, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
}

TEST_CASE("REQUEST SENSE reports format progress in the sense-key-specific bytes") {
    TestDrive t(small_profile("timings: {becoming_ready_ms: 0}\n"));
    t.settled();
    t.drive.load(dvd_plus_r());
    t.settled();
    t.drive.set_condition(MediumCondition::FormatInProgress, std::chrono::seconds(100));
    t.clock.advance(std::chrono::seconds(25));
    auto r = t.run(as_vector(scsi::cdb::request_sense(18)), 18);
    REQUIRE(r.good());
    CHECK(r.data == bytes({0x70, 0, 0x02, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x04, 0x04, 0, 0x80, 0x40, 0x00}));
}

TEST_CASE("REQUEST SENSE asking for descriptor format is INVALID FIELD IN CDB byte 1 bit 0") {
    TestDrive t(small_profile());
    auto r = t.run({0x03, 0x01, 0, 0, 18, 0}, 18);
    CHECK(sense_of(r) == scsi::sense::invalid_field_in_cdb(1, 0));
    const auto s = r.sense_bytes();
    CHECK(s[15] == 0xC8);
    CHECK(s[17] == 0x01);
}

TEST_CASE("REQUEST SENSE is cut to its allocation length") {
    TestDrive t(small_profile());
    auto r = t.run(as_vector(scsi::cdb::request_sense(8)), 18);
    REQUIRE(r.good());
    CHECK(r.data.size() == 8);
    CHECK(r.completion.residual == 10);
}

// Timed not-ready conditions: sense with progress that grows as the clock advances.
#include "support/writer_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

namespace {
const auto request_sense = as_vector(scsi::cdb::request_sense(18));
} // namespace

TEST_CASE("a format in progress gives 2/04/04 with progress in bytes 15-17 increasing with time") {
    TestDrive t(writer_profile());
    load_ready(t, disc(MediaKind::DvdPlusRw));
    t.drive.set_condition(MediumCondition::FormatInProgress, std::chrono::seconds(40));
    auto r = t.run(tur);
    CHECK(sense_of(r) == sense(0x2, 0x04, 0x04).with_progress(0x0000));
    CHECK(sense_key_specific(r) == sks(0x80, 0x00, 0x00));
    t.clock.advance(std::chrono::seconds(10));
    CHECK(sense_key_specific(t.run(tur)) == sks(0x80, 0x40, 0x00));
    t.clock.advance(std::chrono::seconds(20));
    CHECK(sense_key_specific(t.run(tur)) == sks(0x80, 0xC0, 0x00));
    t.clock.advance(std::chrono::seconds(10));
    CHECK(t.run(tur).good()); // a finished format is no medium change: no unit attention
}

TEST_CASE("a long write in progress gives 2/04/08 with progress") {
    TestDrive t(writer_profile());
    load_ready(t, disc(MediaKind::DvdPlusR));
    t.drive.set_condition(MediumCondition::LongWrite, std::chrono::seconds(8));
    t.clock.advance(std::chrono::seconds(2));
    auto r = t.run(tur);
    CHECK(sense_of(r) == sense(0x2, 0x04, 0x08).with_progress(0x4000));
    CHECK(sense_key_specific(r) == sks(0x80, 0x40, 0x00));
    t.clock.advance(std::chrono::seconds(6));
    CHECK(t.run(tur).good());
}

TEST_CASE("REQUEST SENSE reports the not-ready condition with its progress, as fixed-format bytes") {
    TestDrive t(writer_profile());
    load_ready(t, disc(MediaKind::DvdPlusRw));
    t.drive.set_condition(MediumCondition::FormatInProgress, std::chrono::seconds(4));
    t.clock.advance(std::chrono::seconds(3));
    auto r = t.run(request_sense, 18);
    REQUIRE(r.good());
    CHECK(r.data == bytes({0x70, 0, 0x02, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x04, 0x04, 0, 0x80, 0xC0, 0x00}));
}

TEST_CASE("REQUEST SENSE during becoming ready reports 2/04/01") {
    TestDrive t(writer_profile());
    t.settled();
    t.drive.load(disc(MediaKind::DvdPlusR));
    auto r = t.run(request_sense, 18);
    REQUIRE(r.good());
    CHECK(r.data == bytes({0x70, 0, 0x02, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x04, 0x01, 0, 0, 0, 0}));
}

TEST_CASE("commands that need no medium still run during a format") {
    TestDrive t(writer_profile());
    load_ready(t, disc(MediaKind::DvdPlusRw));
    t.drive.set_condition(MediumCondition::FormatInProgress, std::chrono::seconds(4));
    CHECK(t.run({0x12, 0, 0, 0, 36, 0}, 36).good());
    CHECK(t.run({0xBD, 0, 0, 0, 0, 0, 0, 0, 0, 8, 0, 0}, 8).good());
    CHECK(sense_of(t.run({0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 8)) == sense(0x2, 0x04, 0x04).with_progress(0x0000));
}

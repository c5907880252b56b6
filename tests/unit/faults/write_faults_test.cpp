// Write-time faults at the command level, on a Drive: what a burn meets. (The burn-level tests,
// a recorder burn broken by each of them, follow with the recorder's burn.)
#include "faults/fault_fixture.hpp"

using namespace spindle;
using namespace spindle::test;
using namespace std::chrono_literals;

namespace {
bool answered_by_fault(FaultDrive& d) { return !d.faults().log().entries().back().rules.empty(); }
} // namespace

TEST_CASE("loss of streaming: the nth WRITE(10) of a sequence ends with 3/0C/09") {
    FaultDrive d;
    d.rule("{command: WRITE(10), nth: 3, condition: loss-of-streaming}");
    for (std::uint32_t i = 0; i < 5; ++i) {
        const auto r = d.write10(i * 16, 16);
        CAPTURE(i);
        CHECK((r.sense() == "3/0C/09") == (i == 2));
    }
}

TEST_CASE("a buffer underrun armed by one command hits the next WRITE, only once") {
    FaultDrive d;
    d.rule("{command: SYNCHRONIZE CACHE, once: true, underrun: true}");
    CHECK(d.write10(0, 16).sense() != "3/0C/09");
    d.run(as_vector(scsi::cdb::synchronize_cache()), 0);
    CHECK(d.tur().good()); // only WRITEs see it
    CHECK(sense_of(d.write10(16, 16)) == sense(0x3, 0x0C, 0x09));
    CHECK(d.write10(32, 16).sense() != "3/0C/09");
}

TEST_CASE("long write in progress: after a WRITE the drive says 2/04/08 with progress until the buffer drains") {
    FaultDrive d;
    d.rule("{command: WRITE(10), nth: 2, state: long-write, for: 8s}");
    d.write10(0, 16);
    d.write10(16, 16);
    d.t.clock.advance(2s);
    auto r = d.read10(0);
    CHECK(sense_of(r) == sense(0x2, 0x04, 0x08).with_progress(0x4000));
    CHECK(r.sense_bytes()[15] == 0x80);
    CHECK(r.sense_bytes()[16] == 0x40); // 2 s of 8 s
    CHECK(sense_of(d.tur()) == sense(0x2, 0x04, 0x08).with_progress(0x4000));
    d.rule("{command: WRITE(10), condition: long-write}");
    CHECK(sense_of(d.write10(32, 16)) == sense(0x2, 0x04, 0x08).with_progress(0x0000));
    d.t.clock.advance(6s);
    CHECK(d.tur().good());
}

TEST_CASE("the device vanishes in the middle of a WRITE sequence") {
    FaultDrive d;
    d.rule("{command: WRITE(10), lba: [64, 79], condition: device-gone}");
    d.write10(32, 16);
    d.write10(48, 16);
    CHECK(d.write10(64, 16).completion.delivery == Delivery::DeviceGone);
    CHECK(answered_by_fault(d));
    CHECK(d.tur().completion.delivery == Delivery::DeviceGone);
    CHECK(d.inquiry().completion.delivery == Delivery::DeviceGone);
}

TEST_CASE("a WRITE that hangs: no completion, the initiator's timeout must fire") {
    FaultDrive d;
    d.rule("{command: WRITE(10), from: 2, once: true, condition: timeout}");
    CHECK(d.write10(0, 16).completion.delivery == Delivery::Normal);
    CHECK(d.write10(16, 16).completion.delivery == Delivery::Never);
    CHECK(d.write10(32, 16).completion.delivery == Delivery::Normal);
    CHECK(faults::to_string(d.faults().log().entries().end()[-2]).find("-> no answer") != std::string::npos);
}

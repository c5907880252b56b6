// The drive's own time: scheduled changes and conditions that end by themselves happen at
// their time on the drive's clock whether or not an initiator sends anything, each at its own
// time (a load a change starts counts from the change, not from when someone looked), and a
// change without a duration lasts until something changes it.
#include "emulator/drive/drive.hpp"
#include "emulator/media/presets.hpp"
#include "emulator/profile/profile_loader.hpp"
#include "support/test_drive.hpp"

#include <doctest/doctest.h>

using namespace spindle;
using spindle::test::as_vector;
using namespace std::chrono_literals;

namespace {

struct IdleDrive {
    IdleDrive() {
        auto m = make_medium("blank dvd+r");
        REQUIRE(m);
        drive.load(std::move(*m));
        clock.advance(drive.profile().timings.becoming_ready);
        drive.catch_up();
    }
    const DriveState& s() const { return drive.state(); }
    VirtualClock clock;
    Drive drive{default_profile(), clock};
};

} // namespace

TEST_CASE("a scheduled tray-open happens, and ends, with no command sent; the load counts from the close") {
    IdleDrive d;
    const auto t0 = d.clock.now();
    const auto loading = d.drive.profile().timings.becoming_ready;
    d.drive.schedule(faults::TimedEvent{t0 + 1s, StateKind::TrayOpen, 2s});
    CHECK(d.drive.next_due() == t0 + 1s);
    d.clock.advance(1500ms);
    d.drive.catch_up();
    CHECK(d.s().tray_open);
    CHECK(d.drive.next_due() == t0 + 3s); // the tray closes
    d.clock.advance(10s);                 // long after the close and the load it started
    d.drive.catch_up();
    CHECK_FALSE(d.s().tray_open);
    CHECK(d.s().condition.kind == MediumCondition::Ready);
    CHECK_FALSE(d.drive.next_due());
    // Looked at between the close and the end of the load: still loading, from the close on.
    IdleDrive e;
    const auto e0 = e.clock.now();
    e.drive.schedule(faults::TimedEvent{e0, StateKind::TrayOpen, 2s});
    e.clock.advance(2s + loading / 2);
    e.drive.catch_up();
    CHECK(e.s().condition.kind == MediumCondition::BecomingReady);
    CHECK(e.s().condition.since == e0 + 2s);
    CHECK(e.s().condition.until == e0 + 2s + loading);
}

TEST_CASE("a state without a duration lasts until changed, however long: no day is forever") {
    IdleDrive d;
    d.drive.schedule(faults::TimedEvent{d.clock.now(), StateKind::LongWrite, 0s});
    d.drive.catch_up();
    CHECK(d.s().condition.kind == MediumCondition::LongWrite);
    CHECK_FALSE(d.drive.next_due());
    d.clock.advance(std::chrono::hours(24 * 400));
    d.drive.catch_up();
    CHECK(d.s().condition.kind == MediumCondition::LongWrite);
    const auto sense = d.s().not_ready_sense();
    REQUIRE(sense);
    CHECK(sense->asc() == 0x04);
    CHECK(sense->ascq() == 0x08);
    d.drive.set_condition(MediumCondition::Ready);
    CHECK(d.s().condition.kind == MediumCondition::Ready);
}

TEST_CASE("a reservation by another initiator refuses what the command table says, and ends on time") {
    IdleDrive d;
    d.drive.schedule(faults::TimedEvent{d.clock.now(), StateKind::Locked, 5s});
    std::vector<std::uint8_t> in(36);
    auto run = [&](std::vector<std::uint8_t> cdb) {
        return d.drive.execute(Command{cdb, {}, std::span<std::uint8_t>(in)});
    };
    CHECK(run(as_vector(scsi::cdb::test_unit_ready())).status == ScsiStatus::ReservationConflict); // TEST UNIT READY
    CHECK(run(as_vector(scsi::cdb::inquiry(36))).status == ScsiStatus::Good);                      // INQUIRY
    d.clock.advance(5s);
    CHECK(run(as_vector(scsi::cdb::test_unit_ready())).status != ScsiStatus::ReservationConflict);
}

TEST_CASE("clearing the faults cancels changes not yet begun; one under way still ends") {
    IdleDrive d;
    d.drive.schedule(faults::TimedEvent{d.clock.now(), StateKind::NoMedium, 2s});
    d.drive.schedule(faults::TimedEvent{d.clock.now() + 1min, StateKind::TrayOpen, 0s});
    d.drive.catch_up();
    CHECK_FALSE(d.s().medium);
    d.drive.clear_faults();
    d.clock.advance(2min);
    d.drive.catch_up();
    CHECK(d.s().medium);
    CHECK_FALSE(d.s().tray_open);
}

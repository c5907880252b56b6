// TcmuDevice over a ring in memory, laid out as the kernel lays it out: how a hang and a
// vanished device (Completion::delivery) reach the ring.
#include "tcmu_ring/device_rig.hpp"

#include <doctest/doctest.h>

#include <set>

using namespace spindle;
using namespace spindle::tcmu;
using spindle::test::inquiry_cdb;
using spindle::test::read_buffer_capacity_cdb;
using spindle::test::tur_cdb;
using Rig = spindle::test::DeviceRig;

TEST_CASE("a hung command stays unanswered while others complete around it, until task management names it") {
    Rig r;
    r.add_rule("{command: READ BUFFER CAPACITY, hang: true}");
    const auto hung = r.ring.command(1, read_buffer_capacity_cdb, {{r.ring.data_start(), 12}});
    const auto second = r.ring.command(2, inquiry_cdb, {{r.ring.data_start() + 4096, 36}});
    r.serve();
    CHECK(r.device->held() == 1);
    // INQUIRY completes in the first slot; the tail stops before the slot still owed.
    CHECK(r.id_at(hung) == 2);
    CHECK(r.status_at(hung) == 0x00);
    CHECK(r.tail() == second);

    // The initiator's timeout fired: the kernel puts ABORT TASK on the ring naming command 1.
    r.ring.tmr(TCMU_TMR_ABORT_TASK, {1});
    r.serve();
    CHECK(r.device->held() == 0);
    CHECK(r.device->stats().aborted == 1);
    CHECK(r.id_at(second) == 1);
    CHECK(r.status_at(second) == 0x40); // TASK ABORTED: the kernel ends the abort with it
    CHECK(r.tail() == r.ring.head());   // the TMR entry is released with it

    // The ring goes on as before.
    const auto third = r.ring.command(3, inquiry_cdb, {{r.ring.data_start(), 36}});
    r.serve();
    CHECK(r.id_at(third) == 3);
    CHECK(r.status_at(third) == 0x00);
    CHECK(r.tail() == r.ring.head());
}

TEST_CASE("task management ends an answer still waiting for its time, and ignores commands it does not hold") {
    Rig r;
    r.add_rule("{command: INQUIRY, delay: 70s}");
    const auto slot = r.ring.command(5, inquiry_cdb, {{r.ring.data_start(), 36}});
    r.serve();
    CHECK(r.tail() == slot); // not due for 70 s
    r.ring.tmr(TCMU_TMR_ABORT_TASK, {9});
    r.serve();
    CHECK(r.tail() == slot);
    r.ring.tmr(TCMU_TMR_LUN_RESET, {5, 9});
    r.serve();
    CHECK(r.id_at(slot) == 5);
    CHECK(r.status_at(slot) == 0x40);
    CHECK(r.tail() == r.ring.head());
}

TEST_CASE("a vanished drive answers 5/25/00 for that command, everything held and everything after, and says so once") {
    Rig r;
    r.add_rule("{command: READ BUFFER CAPACITY, hang: true}");
    r.add_rule("{command: TEST UNIT READY, vanish: true}");
    const auto held = r.ring.command(1, read_buffer_capacity_cdb, {{r.ring.data_start(), 12}});
    const auto vanishing = r.ring.command(2, tur_cdb, {});
    const auto after = r.ring.command(3, inquiry_cdb, {{r.ring.data_start() + 4096, 36}});
    r.serve();
    CHECK(r.device->gone());
    CHECK(r.gone_calls == 1);
    CHECK(r.device->held() == 0);
    std::set<std::uint16_t> answered;
    for (const auto slot : {held, vanishing, after}) {
        answered.insert(r.id_at(slot));
        CHECK(r.status_at(slot) == 0x02);
        CHECK((r.sense_at(slot, 2) & 0x0F) == 0x05); // ILLEGAL REQUEST
        CHECK(r.sense_at(slot, 12) == 0x25);         // LOGICAL UNIT NOT SUPPORTED
        CHECK(r.sense_at(slot, 13) == 0x00);
    }
    CHECK(answered == std::set<std::uint16_t>{1, 2, 3});
    CHECK(r.tail() == r.ring.head());

    const auto later = r.ring.command(4, tur_cdb, {});
    r.serve();
    CHECK(r.id_at(later) == 4);
    CHECK(r.sense_at(later, 12) == 0x25);
    CHECK(r.gone_calls == 1);
}

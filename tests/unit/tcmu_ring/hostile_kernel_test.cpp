// TcmuDevice when what the kernel hands over is wrong: a head that moves back or out of the
// ring, iovecs that overlap, a command entry with a bad body, and exceptions while serving.
// A bad command fails that command; a ring that cannot be followed stops being served; no
// entry is ever read twice and nothing escapes the device.
#include "tcmu_ring/device_rig.hpp"

#include <doctest/doctest.h>

using namespace spindle;
using namespace spindle::tcmu;
using spindle::test::inquiry_cdb;
using spindle::test::read_buffer_capacity_cdb;
using spindle::test::tur_cdb;
using Rig = spindle::test::DeviceRig;

namespace {

// Command 7 hangs in slot 0 (published); after it lies a stale TMR naming it, left by an
// earlier lap of the ring, and a PAD to the ring's end, neither published.
struct StaleLap {
    Rig r;
    std::uint32_t held = 0;
    std::uint32_t published = 0;
    StaleLap() {
        r.add_rule("{command: READ BUFFER CAPACITY, hang: true}");
        held = r.ring.command(7, read_buffer_capacity_cdb, {{r.ring.data_start(), 12}});
        published = r.ring.head();
        r.ring.tmr(TCMU_TMR_ABORT_TASK, {7});
        r.ring.pad_to_end();
        r.ring.set_head(published);
        r.serve();
        REQUIRE(r.device->held() == 1);
    }
    // Nothing after the bad head was read: the ring is no longer served, the stale TMR did not
    // abort the held command, and its slot was not answered.
    void check_nothing_replayed() {
        CHECK_FALSE(r.device->alive());
        CHECK(r.device->stats().task_management == 0);
        CHECK(r.device->held() == 1);
        CHECK(r.tail() == held);
        CHECK(r.id_at(held) == 7);
        REQUIRE_FALSE(r.log.empty());
        CHECK(r.log.back().find("head") != std::string::npos);
    }
};

} // namespace

TEST_CASE("a head moved back over entries already read stops the ring instead of replaying stale entries") {
    StaleLap s;
    s.r.ring.set_head(s.held); // back to the tail: to the kernel, an empty ring
    s.r.serve();
    s.check_nothing_replayed();
}

TEST_CASE("a head outside the ring or misaligned stops the ring instead of reading round it forever") {
    StaleLap s;
    SUBCASE("misaligned") { s.r.ring.set_head(s.published + 4); }
    SUBCASE("past the ring's end") { s.r.ring.set_head(4096); }
    s.r.serve();
    s.check_nothing_replayed();
}

TEST_CASE("heads that come round the ring, lap after lap, are accepted") {
    // An INQUIRY entry with one iovec, as the kernel sizes it.
    constexpr std::uint32_t inquiry_entry = (sizeof(tcmu_cmd_entry) + sizeof(struct iovec) + 6 + 7) & ~7u;
    Rig r(512);
    r.add_rule("{command: READ BUFFER CAPACITY, hang: true}");
    r.ring.command(1, inquiry_cdb, {{r.ring.data_start(), 36}});
    r.ring.command(2, inquiry_cdb, {{r.ring.data_start() + 4096, 36}});
    r.ring.command(3, read_buffer_capacity_cdb, {{r.ring.data_start() + 8192, 12}});
    r.serve();
    // A PAD to the end and a command at the start: the head wraps while command 3 is held.
    r.ring.pad_to_end();
    r.ring.command(4, inquiry_cdb, {{r.ring.data_start(), 36}});
    r.serve();
    CHECK(r.device->alive());
    CHECK(r.device->held() == 1);
    r.ring.tmr(TCMU_TMR_ABORT_TASK, {3});
    r.serve();
    CHECK(r.device->held() == 0);
    CHECK(r.tail() == r.ring.head());
    for (std::uint16_t id = 5; id < 45; ++id) {
        if (512 - r.ring.head() < inquiry_entry) r.ring.pad_to_end();
        const auto slot = r.ring.command(id, inquiry_cdb, {{r.ring.data_start(), 36}});
        r.serve();
        CHECK(r.id_at(slot) == id);
        CHECK(r.status_at(slot) == 0x00);
    }
    CHECK(r.device->alive());
    CHECK(r.tail() == r.ring.head());
    CHECK(r.device->stats().commands == 44);
}

TEST_CASE("a command whose iovecs overlap fails alone, without a buffer the size of their sum") {
    // 1000 iovecs each covering the whole 64 KiB data area would be a 64 MiB scatter buffer.
    Rig r(32768, 65536);
    std::vector<std::pair<std::uint64_t, std::uint64_t>> iovs(1000, {r.ring.data_start(), 65536});
    const auto bad = r.ring.command(1, inquiry_cdb, iovs);
    const auto next = r.ring.command(2, inquiry_cdb, {{r.ring.data_start(), 36}});
    r.serve();
    CHECK(r.device->alive());
    CHECK(r.failed_internally(bad));
    CHECK(r.id_at(bad) == 1);
    CHECK(r.status_at(next) == 0x00);
    CHECK(r.id_at(next) == 2);
    CHECK(r.tail() == r.ring.head());
    CHECK(r.device->stats().commands == 2);
}

TEST_CASE("a command entry with a bad body fails that command and the ring goes on") {
    Rig r;
    const auto bad = r.ring.command(3, inquiry_cdb, {{r.ring.data_start(), 36}});
    const auto e = spindle::test::RingBuilder::cmdr_off + bad;
    SUBCASE("CDB offset outside the entry") { r.ring.put<std::uint64_t>(e + offsetof(tcmu_cmd_entry, req.cdb_off), 0); }
    SUBCASE("iovec outside the data area") { r.ring.put<std::uint64_t>(e + offsetof(tcmu_cmd_entry, req.iov), 64); }
    SUBCASE("more iovecs than fit") { r.ring.put<std::uint32_t>(e + offsetof(tcmu_cmd_entry, req.iov_cnt), 100000); }
    const auto next = r.ring.command(4, inquiry_cdb, {{r.ring.data_start(), 36}});
    r.serve();
    CHECK(r.device->alive());
    CHECK(r.id_at(bad) == 3);
    CHECK(r.failed_internally(bad));
    CHECK(r.id_at(next) == 4);
    CHECK(r.status_at(next) == 0x00);
    CHECK(r.tail() == r.ring.head());
}

TEST_CASE("an exception while a command runs fails that command with 4/44/00 and the next one runs") {
    Rig r;
    bool standard = true;
    SUBCASE("a standard exception") { standard = true; }
    SUBCASE("any other") { standard = false; }
    int throws = 1; // the first command only
    r.drive.set_listener([&] {
        if (throws-- <= 0) return;
        if (standard) throw std::runtime_error("listener failed");
        throw 42;
    });
    const auto first = r.ring.command(1, tur_cdb, {});
    const auto second = r.ring.command(2, inquiry_cdb, {{r.ring.data_start(), 36}});
    CHECK_NOTHROW(r.serve());
    CHECK(r.device->alive());
    CHECK(r.id_at(first) == 1);
    CHECK(r.failed_internally(first));
    CHECK(r.id_at(second) == 2);
    CHECK(r.status_at(second) == 0x00);
}

TEST_CASE("a vanished drive whose removal throws still answers 5/25/00, and the device does not throw") {
    Rig r;
    r.gone_throws = true;
    r.add_rule("{command: TEST UNIT READY, vanish: true}");
    const auto slot = r.ring.command(1, tur_cdb, {});
    CHECK_NOTHROW(r.serve());
    CHECK(r.gone_calls == 1);
    CHECK(r.device->gone());
    CHECK(r.status_at(slot) == 0x02);
    CHECK(r.sense_at(slot, 12) == 0x25);
    CHECK(r.tail() == r.ring.head());
}

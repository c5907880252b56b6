// What a burn asks the drive before its first WRITE: one medium probe per burn (TEST UNIT
// READY, GET CONFIGURATION, READ DISC INFORMATION, READ TRACK INFORMATION), however many
// properties and speeds were asked for before it, as long as nothing else reached the drive;
// a second one only after a blank or a format changed the medium.
#include "burn_rig.hpp"

#include <fmt/format.h>
#include <map>

using namespace spindle::test;

namespace {

// The probe's own command: one GET CONFIGURATION (its feature header) per probe.
constexpr std::uint8_t probe_opcode = 0x46, disc_information_opcode = 0x51, write10_opcode = 0x2A;

struct CommandCount {
    std::size_t total = 0;
    std::map<std::uint8_t, std::size_t> by_opcode;
    std::size_t count(std::uint8_t op) const {
        auto it = by_opcode.find(op);
        return it == by_opcode.end() ? 0 : it->second;
    }
    std::string text() const {
        std::string out = fmt::format("{} commands:", total);
        for (const auto& [op, n] : by_opcode) out += fmt::format(" {} x{};", command_name(op), n);
        return out;
    }
};

// The commands since the trace was cleared, up to the first WRITE(10) when `to_first_write`.
CommandCount count_commands(const BurnRig& rig, bool to_first_write) {
    CommandCount out;
    for (const auto& c : rig.trace->commands()) {
        if (to_first_write && c.cdb[0] == write10_opcode) return out;
        ++out.total;
        ++out.by_opcode[c.cdb[0]];
    }
    if (to_first_write) FAIL("no WRITE(10) was sent");
    return out;
}

// What `discrec burn --speed N` does: the medium described, the speed set and read back,
// then the write.
CommandCount discrec_burn(const std::string& preset, std::int32_t sectors_per_second) {
    BurnRig rig(preset);
    rig.trace->clear();
    auto w = rig.writer();
    auto probe = w.probe();
    REQUIRE(probe);
    REQUIRE((probe->media_state & media_state::blank) != 0);
    REQUIRE(w.set_write_speed(sectors_per_second, false));
    REQUIRE(w.current_write_speed());
    auto s = memory_stream(image(1024 * 1024));
    auto r = w.write(*s);
    REQUIRE_MESSAGE(r, (r ? "" : r.error().to_string()));
    CHECK(r->start_lba == 0);
    auto counted = count_commands(rig, true);
    MESSAGE(preset, ", discrec burn --speed: ", counted.text());
    return counted;
}

// The probes of one DataWriter::write on `preset`, nothing asked before it.
std::size_t probes_in_write(const std::string& preset, bool force_overwrite) {
    BurnRig rig(preset);
    auto w = rig.writer();
    w.set_force_overwrite(force_overwrite);
    rig.trace->clear();
    auto s = memory_stream(image(256 * 1024));
    auto r = w.write(*s);
    REQUIRE_MESSAGE(r, (r ? "" : r.error().to_string()));
    return count_commands(rig, false).count(probe_opcode);
}

} // namespace

TEST_CASE("discrec burn --speed 8 on a blank DVD+R: one probe, 17 commands before the first WRITE (were 7 and 52)") {
    const auto c = discrec_burn("blank dvd+r", 8 * 676);
    CHECK(c.count(probe_opcode) == 1);
    CHECK(c.count(disc_information_opcode) == 2); // one READ DISC INFORMATION: its header, then all of it
    CHECK(c.count(0x52) == 2);                    // READ TRACK INFORMATION of the invisible track, likewise
    // The probe's TEST UNIT READY, again after power-on and medium-changed attentions; the
    // write's, which finds the medium as probed.
    CHECK(c.count(0x00) == 4);
    CHECK(c.count(0xAC) == 5); // GET PERFORMANCE: speeds listed twice (2 each), the speed read back
    CHECK(c.count(0xB6) == 2); // SET STREAMING: SetWriteSpeed, then again as the write starts
    CHECK(c.total == 17);
}

TEST_CASE("discrec burn --speed 8 on a blank CD-R: one probe, 20 commands before the first WRITE (were 7 and 55)") {
    const auto c = discrec_burn("blank cd-r", 8 * 75);
    CHECK(c.count(probe_opcode) == 1);
    CHECK(c.count(disc_information_opcode) == 2);
    CHECK(c.count(0x52) == 2);
    CHECK(c.count(0xBB) == 2); // SET CD SPEED
    CHECK(c.count(0x5A) == 2); // MODE SENSE of page 05h: header, then the page
    CHECK(c.count(0x55) == 1); // MODE SELECT of page 05h
    CHECK(c.total == 20);
}

TEST_CASE("a write with nothing asked before it probes once; once more after a blank or a format") {
    CHECK(probes_in_write("blank dvd+r", false) == 1);
    CHECK(probes_in_write("blank cd-r", false) == 1);
    CHECK(probes_in_write("blank dvd+rw", false) == 2); // FORMAT UNIT 26h, then probed again
    CHECK(probes_in_write("blank bd-re", false) == 2);  // FORMAT UNIT, then probed again
    CHECK(probes_in_write("closed cd-rw", true) == 2);  // BLANK, then probed again
}

TEST_CASE("SetWriteSpeed before a write probes no more: the writer's probe serves both") {
    BurnRig rig("blank dvd+r");
    auto w = rig.writer();
    rig.trace->clear();
    REQUIRE(w.set_write_speed(4 * 676, false));
    auto s = memory_stream(image(256 * 1024));
    REQUIRE(w.write(*s));
    CHECK(count_commands(rig, false).count(probe_opcode) == 1); // were 5: 2 in SetWriteSpeed, 3 in the write
}

TEST_CASE("a probe goes stale once another command reaches the drive: the write probes again") {
    BurnRig rig("blank dvd+r");
    auto first = rig.writer();
    auto probed = first.probe();
    REQUIRE(probed);
    REQUIRE(probed->next_writable == 0u);
    // Another writer on the same recorder writes a session: the first writer's probe no
    // longer describes the disc (its next writable address moved).
    const auto other = rig.burn(image(256 * 1024), false);
    REQUIRE(other);
    rig.trace->clear();
    auto s = memory_stream(image(256 * 1024, 7));
    auto r = first.write(*s);
    REQUIRE_MESSAGE(r, (r ? "" : r.error().to_string()));
    CHECK(count_commands(rig, false).count(probe_opcode) == 1);
    CHECK(r->start_lba > other->start_lba + other->sectors - 1); // after the other session, not over it
    CHECK(rig.read(r->start_lba, 256 * 1024) == image(256 * 1024, 7));

    // After its own write the writer holds no probe: a second write probes again.
    rig.trace->clear();
    auto again = memory_stream(image(64 * 1024, 9));
    REQUIRE(first.write(*again));
    CHECK(count_commands(rig, false).count(probe_opcode) == 1);
}

TEST_CASE("a disc changed by hand after the probe: the drive's unit attention makes the write probe again") {
    BurnRig rig("blank dvd+r");
    auto w = rig.writer();
    auto probed = w.probe();
    REQUIRE(probed);
    REQUIRE(probed->next_writable == 0u);
    // Another disc, one session on it already, goes into the drive without a command from here.
    auto donor = make_emulated_device(EmulatorSpec{"", "appendable dvd+r"}, ClockKind::Virtual);
    REQUIRE(donor);
    (*donor)->drive().open_tray();
    auto disc = (*donor)->drive().take_medium();
    REQUIRE(disc != nullptr);
    rig.device->drive().open_tray();
    REQUIRE(rig.device->drive().take_medium() != nullptr);
    rig.device->drive().load(std::move(disc));
    rig.device->virtual_clock()->advance(rig.device->drive().profile().timings.becoming_ready);
    rig.trace->clear();
    auto s = memory_stream(image(256 * 1024, 5));
    auto r = w.write(*s);
    REQUIRE_MESSAGE(r, (r ? "" : r.error().to_string()));
    CHECK(count_commands(rig, false).count(probe_opcode) == 1);
    CHECK(r->start_lba > 0); // after the session already there
    CHECK(rig.read(r->start_lba, 256 * 1024) == image(256 * 1024, 5));
}

TEST_CASE("media properties are read from the drive on each call") {
    BurnRig rig("blank dvd+r");
    auto w = rig.writer();
    rig.trace->clear();
    REQUIRE(w.current_media_status());
    REQUIRE(w.free_sectors_on_media());
    REQUIRE(w.probe());
    CHECK(count_commands(rig, false).count(probe_opcode) == 3);
}

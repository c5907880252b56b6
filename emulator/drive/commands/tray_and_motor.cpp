// START STOP UNIT (MMC-6 6.37), PREVENT ALLOW MEDIUM REMOVAL (MMC-6 6.11) and MECHANISM
// STATUS (MMC-6 6.10): the host's side of the tray, the lock and the spindle motor. Tray and
// medium transitions go through transitions.hpp, as the eject button's do.
#include "emulator/drive/commands/handlers.hpp"
#include "emulator/drive/commands/reply.hpp"
#include "emulator/drive/transitions.hpp"
#include "scsi/cdb_mechanism.hpp"

#include <optional>

namespace spindle::handlers {

namespace asc = scsi::asc;

namespace {

using scsi::StartStopUnitCdb;

// START STOP UNIT Power Conditions field values (MMC-6 6.37, after SBC-3).
std::optional<PowerStatus> power_condition(std::uint8_t field) {
    switch (field) {
    case 0x1: return PowerStatus::Active;
    case 0x2: // Idle
    case 0xA: // force the idle condition timer to zero
        return PowerStatus::Idle;
    case 0x3: // Standby
    case 0xB: // force the standby condition timer to zero
        return PowerStatus::Standby;
    case 0x5: return PowerStatus::Sleep;
    default: return std::nullopt;
    }
}

// Without Immed the command completes when the mechanism has finished moving.
Completion after(bool immed, DriveTime done) {
    Completion c = reply_good();
    if (!immed) c.busy_until = done;
    return c;
}

Completion eject(DriveState& s, bool immed) {
    if (!s.profile.mechanism.can_eject)
        return reply_check(scsi::sense::invalid_field_in_cdb(StartStopUnitCdb::flags_byte, 1));
    if (s.removal_prevented()) return reply_check(scsi::sense::illegal_request(asc::medium_removal_prevented));
    if (s.tray_open) return reply_good();
    transitions::open_tray(s);
    return after(immed, s.now() + s.profile.timings.tray);
}

Completion start(DriveState& s, bool immed) {
    if (s.tray_open || !s.medium) return reply_check(*s.not_ready_sense());
    if (s.condition.kind == MediumCondition::BecomingReady) return after(immed, s.condition.until);
    if (auto nr = s.not_ready_sense()) return reply_check(*nr);
    if (!s.stopped) return reply_good();
    transitions::spin_up(s);
    return after(immed, s.now() + s.profile.timings.spin_up);
}

Completion load(DriveState& s, bool immed) {
    if (!s.tray_open) return start(s, immed);
    if (!s.profile.mechanism.can_load)
        return reply_check(scsi::sense::invalid_field_in_cdb(StartStopUnitCdb::flags_byte, 1));
    transitions::close_tray(s);
    return after(immed, s.now() + s.profile.timings.tray);
}

} // namespace

Completion start_stop_unit(DriveState& s, const Command& cmd) {
    const StartStopUnitCdb cdb(cmd.cdb);
    if (cdb.fl()) return reply_check(scsi::sense::invalid_field_in_cdb(StartStopUnitCdb::flags_byte, 2));
    if (const auto pc = cdb.power_conditions(); pc != 0) {
        // A power condition is processed instead of Start and LoEj.
        if (pc == 0x7) return reply_good(); // LU_CONTROL: the drive's own timers already rule
        const auto status = power_condition(pc);
        if (!status) return reply_check(scsi::sense::invalid_field_in_cdb(StartStopUnitCdb::flags_byte, 7));
        transitions::set_power(s, *status);
        return reply_good();
    }
    if (cdb.loej()) return cdb.start() ? load(s, cdb.immed()) : eject(s, cdb.immed());
    if (cdb.start()) return start(s, cdb.immed());
    transitions::stop(s);
    return reply_good();
}

Completion prevent_allow_medium_removal(DriveState& s, const Command& cmd) {
    const scsi::PreventAllowMediumRemovalCdb cdb(cmd.cdb);
    // Persistent selects which of the two prevent states the Prevent bit sets or clears.
    if (cdb.prevent() && !s.profile.mechanism.can_lock)
        return reply_check(scsi::sense::invalid_field_in_cdb(scsi::PreventAllowMediumRemovalCdb::flags_byte, 0));
    if (cdb.persistent())
        s.persistent_prevent = cdb.prevent();
    else
        s.prevent = cdb.prevent();
    return reply_good();
}

Completion mechanism_status(DriveState& s, const Command& cmd) {
    const scsi::MechanismStatusCdb cdb(cmd.cdb);
    // Mechanism State (byte 1 bits 7-5): idle, or 3 (active) while a long operation runs.
    const std::uint8_t mechanism_state = transitions::long_operation_running(s) ? 3 : 0;
    // MMC-6 6.10, Mechanism Status Header: fault | changer state | slot, mechanism state |
    // door open | slot, current LBA, number of slots, slot table length. Not a changer: no
    // slot tables.
    scsi::Bytes out;
    scsi::ByteWriter w(out);
    w.u8(0).u8(static_cast<std::uint8_t>((mechanism_state << 5) | (s.tray_open ? 0x10 : 0x00)));
    w.be24(0).u8(0).be16(0);
    return reply_data(cmd, out, cdb.allocation_length());
}

} // namespace spindle::handlers

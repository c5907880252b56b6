// MODE SENSE(6)/(10) and MODE SELECT(6)/(10) (SPC-4 6.9-6.12): each handler decodes its CDB
// and hands the request to mode_sense_list.cpp or mode_select_list.cpp.
#include "emulator/drive/commands/mode_parameter_lists.hpp"

#include "emulator/drive/commands/handlers.hpp"
#include "scsi/cdb_mode.hpp"

namespace spindle::handlers {

using mode::HeaderKind;

// DBD and LLBAA need no handling: an MMC drive has no block descriptors to disable or widen.
Completion mode_sense6(DriveState& s, const Command& cmd) {
    const scsi::ModeSense6Cdb cdb(cmd.cdb);
    return mode::sense(
        s, cmd, {HeaderKind::Six, cdb.page_control(), cdb.page_code(), cdb.subpage_code(), cdb.allocation_length()});
}

Completion mode_sense10(DriveState& s, const Command& cmd) {
    const scsi::ModeSense10Cdb cdb(cmd.cdb);
    return mode::sense(
        s, cmd, {HeaderKind::Ten, cdb.page_control(), cdb.page_code(), cdb.subpage_code(), cdb.allocation_length()});
}

Completion mode_select6(DriveState& s, const Command& cmd) {
    const scsi::ModeSelect6Cdb cdb(cmd.cdb);
    return mode::select(s, cmd, {HeaderKind::Six, cdb.pf(), cdb.sp(), cdb.parameter_list_length()});
}

Completion mode_select10(DriveState& s, const Command& cmd) {
    const scsi::ModeSelect10Cdb cdb(cmd.cdb);
    return mode::select(s, cmd, {HeaderKind::Ten, cdb.pf(), cdb.sp(), cdb.parameter_list_length()});
}

} // namespace spindle::handlers

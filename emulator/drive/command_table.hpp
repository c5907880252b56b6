#pragma once
// The drive's command table (MMC-6 table 13): which opcodes it implements, when each may run
// and who handles it (names and CDB lengths come from scsi/opcode.hpp). Checked at compile time; an opcode missing here
// is an INVALID COMMAND OPERATION CODE.
#include "emulator/drive/commands/handlers.hpp"
#include "scsi/opcode.hpp"

#include <array>
#include <string_view>

namespace spindle {

struct CommandInfo {
    scsi::Opcode opcode;         // its name: scsi::opcode_name
    bool needs_ready_medium;     // refused with the not-ready sense unless a medium is ready
    bool ignores_unit_attention; // runs normally with a unit attention pending (SPC-4 5.13, MMC-6 4.1.6)
    handlers::Handler handler;
    bool runs_when_reserved = false; // runs despite another initiator's reservation (SPC-2 5.5.1)

    // The CDB's length, which the opcode's group fixes (scsi::cdb_length; the table holds no
    // command of a group that does not).
    constexpr std::size_t cdb_length() const { return scsi::cdb_length(static_cast<std::uint8_t>(opcode)).value_or(0); }
};

// Looks an opcode up; nullptr when the drive does not implement it.
const CommandInfo* find_command(std::uint8_t opcode);
// Whether the command ends CD audio play or scan before it runs: those that move the head
// elsewhere or change the disc (CDEmu's interrupt_audio_play, 86Box's SEEK / SET SPEED / START
// STOP UNIT), but not READ CD or READ SUB-CHANNEL, which a player sends while it plays.
bool ends_audio_play(scsi::Opcode opcode);
// Every implemented command, in opcode order.
std::span<const CommandInfo> command_table();

} // namespace spindle

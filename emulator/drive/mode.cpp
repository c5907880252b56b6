// Not yet implemented: answers INVALID COMMAND OPERATION CODE.
#include "emulator/drive/handlers.hpp"
#include "emulator/drive/reply.hpp"

namespace spindle::handlers {

Completion mode_sense6(DriveState&, const Command&) { return reply_check(scsi::sense::invalid_opcode()); }
Completion mode_sense10(DriveState&, const Command&) { return reply_check(scsi::sense::invalid_opcode()); }
Completion mode_select6(DriveState&, const Command&) { return reply_check(scsi::sense::invalid_opcode()); }
Completion mode_select10(DriveState&, const Command&) { return reply_check(scsi::sense::invalid_opcode()); }

} // namespace spindle::handlers

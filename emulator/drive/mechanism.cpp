// Not yet implemented: answers INVALID COMMAND OPERATION CODE.
#include "emulator/drive/handlers.hpp"
#include "emulator/drive/reply.hpp"

namespace spindle::handlers {

Completion start_stop_unit(DriveState&, const Command&) { return reply_check(scsi::sense::invalid_opcode()); }
Completion prevent_allow_medium_removal(DriveState&, const Command&) {
    return reply_check(scsi::sense::invalid_opcode());
}
Completion mechanism_status(DriveState&, const Command&) { return reply_check(scsi::sense::invalid_opcode()); }

} // namespace spindle::handlers

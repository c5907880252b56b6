// Not yet implemented: answers INVALID COMMAND OPERATION CODE.
#include "emulator/drive/handlers.hpp"
#include "emulator/drive/reply.hpp"

namespace spindle::handlers {

Completion get_performance(DriveState&, const Command&) { return reply_check(scsi::sense::invalid_opcode()); }
Completion set_cd_speed(DriveState&, const Command&) { return reply_check(scsi::sense::invalid_opcode()); }
Completion set_streaming(DriveState&, const Command&) { return reply_check(scsi::sense::invalid_opcode()); }

} // namespace spindle::handlers

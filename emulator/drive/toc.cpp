// Not yet implemented: answers INVALID COMMAND OPERATION CODE.
#include "emulator/drive/handlers.hpp"
#include "emulator/drive/reply.hpp"

namespace spindle::handlers {

Completion read_toc_pma_atip(DriveState&, const Command&) { return reply_check(scsi::sense::invalid_opcode()); }

} // namespace spindle::handlers

#pragma once
// The lead-in of a CD session written Session At Once with CD-Text: after SEND CUE SHEET with
// a lead-in descriptor whose sub-channel bits are set, the host WRITEs 96 bytes of R-W per
// block from the lead-in start (ATIP, READ DISC INFORMATION bytes 17-19) up to LBA -151,
// before the pregap at -150 (cdrdao GenericMMC::writeCdTextLeadIn, wodim write_cdtext,
// libburn burn_write_leadin_cdtext). The drive keeps the CD-Text packs they carry with the
// disc (media/cd_text.hpp), for READ TOC/PMA/ATIP format 5.
#include "emulator/drive/command.hpp"
#include "emulator/drive/drive_state.hpp"

namespace spindle::handlers {

// Whether a WRITE at `lba` (as sent: a negative LBA wraps) is to the lead-in's R-W.
bool lead_in_write(const DriveState& s, std::uint32_t lba);
// Takes `count` such blocks from `lba`.
Completion write_lead_in(DriveState& s, const Command& cmd, std::uint32_t lba, std::uint32_t count);

} // namespace spindle::handlers

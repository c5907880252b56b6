#pragma once
// Where each medium accepts a WRITE: the checks WRITE(10)/(12) and WRITE AND VERIFY make
// before any data moves, with the sense real drives give when a write may not happen.
#include "emulator/drive/write_parameters.hpp"

#include <expected>

namespace spindle {

struct WritePlan {
    bool random = false;     // random access: no layout change
    std::uint16_t track = 0; // sequential: the open track the blocks extend
};

// `disc` is the layout the write acts on (the medium's, or the test-write shadow).
std::expected<WritePlan, scsi::SenseData> plan_write(const Disc& disc, const WriteParameters& wp, std::uint32_t lba,
                                                     std::uint32_t count);

// CD-R/RW: the track mode (Q CONTROL) the blocks written to open track `t` have, which sets
// their size: 2352 bytes of CD-DA audio, or 2048 of Mode 1 user data. A blank track written
// Track At Once or in packets takes page 05h's track mode with a matching data block type (0:
// raw audio; 8 or 10: 2048 bytes of user data); a track laid out by a cue sheet, or already
// written, keeps its own. Anything else is ILLEGAL MODE FOR THIS TRACK. Other media: data.
std::expected<std::uint8_t, scsi::SenseData> track_mode_of_write(const Disc& disc, const WriteParameters& wp,
                                                                 const Track& t);

// The sense for writing commands on a medium that cannot be written at all or any more: ROM,
// a finalized write-once disc (MMC-6 4.5.2: 5/30/05 CANNOT WRITE MEDIUM - INCOMPATIBLE FORMAT).
scsi::SenseData cannot_write();

} // namespace spindle

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

// The sense for writing commands on a medium that cannot be written at all or any more: ROM,
// a finalized write-once disc (MMC-6 4.5.2: 5/30/05 CANNOT WRITE MEDIUM - INCOMPATIBLE FORMAT).
scsi::SenseData cannot_write();

} // namespace spindle

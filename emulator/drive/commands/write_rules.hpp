#pragma once
// Where each medium accepts a WRITE: the checks WRITE(10)/(12) and WRITE AND VERIFY make
// before any data moves, with the sense real drives give when a write may not happen.
#include "emulator/drive/write_parameters.hpp"
#include "emulator/media/cd_blocks.hpp"

#include <expected>

namespace spindle {

struct WritePlan {
    bool random = false;     // random access: no layout change
    std::uint16_t track = 0; // sequential: the open track the blocks extend
};

// `disc` is the layout the write acts on (the medium's, or the test-write shadow).
std::expected<WritePlan, scsi::SenseData> plan_write(const Disc& disc, const WriteParameters& wp, std::uint32_t lba,
                                                     std::uint32_t count);

// What the blocks of a WRITE to open track `t` are: their track mode (CD: the Q CONTROL, audio
// or data) and the form the host sends them in, which sets their size (media/cd_blocks.hpp).
// Track At Once and packets take page 05h's Data Block Type (0: raw audio; 8: Mode 1; 9:
// formless Mode 2; 10-13: CD-ROM XA), with its track mode while the track is blank; a track
// already written takes only blocks of its own kind of sector. Session At Once takes the cue
// sheet's track as laid out. Anything else is ILLEGAL MODE FOR THIS TRACK. Other media: data.
struct WriteFormat {
    std::uint8_t track_mode = 0x4;
    HostBlocks blocks = HostBlocks::Mode1;
    bool rw = false; // 96 bytes of R-W sub-channels follow each block (a SAO track's raw R-W)
};
std::expected<WriteFormat, scsi::SenseData> write_format(const Disc& disc, const WriteParameters& wp, const Track& t);

// The sense for writing commands on a medium that cannot be written at all or any more: ROM,
// a finalized write-once disc (MMC-6 4.5.2: 5/30/05 CANNOT WRITE MEDIUM - INCOMPATIBLE FORMAT).
scsi::SenseData cannot_write();

} // namespace spindle

#pragma once
// The time a WRITE takes and what the drive buffer does meanwhile: the one place the write
// commands ask. The speed is the write speed in effect (drive/speeds.hpp effective_speeds:
// the profile's list and the host's SET CD SPEED / SET STREAMING choice); the buffer is
// DriveState::buffer (the profile's size), which READ BUFFER CAPACITY reports.
//
// Buffer underrun: a WRITE that arrives after the buffer ran dry in the middle of a track
// (data written since the last flush) is a loss of streaming when the drive is not
// buffer-underrun-free: it fails with 3/0C/09 and nothing of it is accepted. A
// buffer-underrun-free drive (page 05h BUFE = 1, or a medium that always links losslessly)
// paused at the empty buffer and carries on.
#include "emulator/drive/drive_state.hpp"

#include <cstdint>

namespace spindle {

struct WriteTiming {
    DriveTime busy_until{0}; // when the WRITE completes (now in fast mode)
    bool underrun = false;   // loss of streaming: fail with loss_of_streaming(), accept nothing
};

// A WRITE of `bytes` of user data arriving now.
WriteTiming account_write(DriveState& s, std::uint64_t bytes);
// SYNCHRONIZE CACHE, CLOSE TRACK/SESSION: the buffer is written out; returns when it is empty
// (now in fast mode). Streaming ends.
DriveTime account_flush(DriveState& s);
// The medium left the drive: whatever was buffered is gone.
void discard_buffer(DriveState& s);

// Whether the drive rides out an empty buffer: page 05h BUFE (MMC-6 table 641, byte 2 bit 6)
// on media whose writing page 05h governs (CD-R/RW, DVD-R/RW sequential); always on DVD+R,
// DVD+RW, DVD-RAM, BD and restricted-overwrite DVD-RW, whose drives ignore BUFE and link
// losslessly (Pioneer BDR-203 and DVR-710 manuals, page 05h: "BUFE ... ignored").
bool buffer_underrun_free(const DriveState& s);

// User-data bytes per second the disc takes at the write speed in effect (the family's 1x
// when the medium has no write speeds in the profile).
std::uint64_t write_bytes_per_second(const DriveState& s);

// 3/0C/09 WRITE ERROR - LOSS OF STREAMING (MMC-6 table F.1: buffer underrun).
scsi::SenseData loss_of_streaming();

// What a track that lost streaming looks like afterwards: recorded up to the last block that
// reached the disc (every accepted block did: the buffer was empty) and Damage set (READ TRACK
// INFORMATION byte 5 bit 5). A track written incrementally (packet) can be appended after
// the damage (Damage = 1, NWA_V = 1, MMC-6 table 531); a TAO/DAO track cannot (NWA_V = 0) and
// is only closed.
void mark_lost_streaming(Track& t);

} // namespace spindle

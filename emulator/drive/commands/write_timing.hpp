#pragma once
// The seam between the writing commands and the timing model (speed, drive buffer, underrun;
// emulator/timing). Writing commands say how much they move or what they do; these functions
// say when the drive is done.
//
// The speed is the write speed in effect (drive/speeds.hpp effective_speeds: the profile's
// list and the host's SET CD SPEED / SET STREAMING choice); the buffer is DriveState::buffer
// (the profile's size), which fills with WRITE data, drains onto the disc at that speed over
// the drive clock's time, and is what READ BUFFER CAPACITY reports. In fast mode (DriveOptions
// timing, the default) completions are ready at once; in real time a WRITE completes when the
// buffer has taken its data, as a real drive at that speed would accept it.
//
// Buffer underrun: a WRITE that arrives after the buffer ran dry in the middle of a track
// (data written since the last flush) is a loss of streaming when the drive is not
// buffer-underrun-free: it fails with 3/0C/09 and nothing of it is accepted. A
// buffer-underrun-free drive (page 05h BUFE = 1, or a medium that always links losslessly)
// paused at the empty buffer and carries on.
#include "emulator/drive/drive_state.hpp"

#include <optional>

namespace spindle::write_timing {

struct WriteTiming {
    DriveTime busy_until;                 // when the WRITE may complete
    std::optional<scsi::SenseData> error; // 3/0C/09 after a buffer underrun with BUFE off
};

// A WRITE of `bytes` to the medium, accepted now (before the data reaches the medium).
WriteTiming write(DriveState& s, std::uint64_t bytes);
// SYNCHRONIZE CACHE (and closing): when everything in the drive buffer is on the disc (now in
// fast mode). The run ends: a pause after it is no underrun.
DriveTime flush(DriveState& s);

enum class Operation : std::uint8_t {
    CloseTrack,
    CloseSession,
    Finalize,
    StopBackgroundFormat,
    BlankMinimal, // BLANK types 1-6
    BlankFull,    // BLANK type 0
    FormatQuick,  // DVD+RW 26h (background), DVD-RW 15h/13h, BD quick and no-certification
    FormatFull,   // DVD-RW 00h/10h, DVD-RAM, BD with full certification
};
// How long a long operation keeps the drive busy (closing: nothing in fast mode).
Duration operation(const DriveState& s, Operation op);

// Whether the drive rides out an empty buffer: page 05h BUFE (MMC-6 table 641, byte 2 bit 6)
// on media whose writing page 05h governs (write_parameters_apply: CD-R/RW, DVD-R/-RW);
// always on DVD+R, DVD+RW, DVD-RAM and BD, whose drives ignore BUFE and link losslessly
// (Pioneer BDR-203 and DVR-710 manuals, page 05h: "BUFE ... ignored").
bool buffer_underrun_free(const DriveState& s);

// User-data bytes per second the disc takes at the write speed in effect (the family's 1x
// when the medium has no write speeds in the profile).
std::uint64_t write_bytes_per_second(const DriveState& s);

// 3/0C/09 WRITE ERROR - LOSS OF STREAMING (MMC-6 table F.1: buffer underrun).
scsi::SenseData loss_of_streaming();

} // namespace spindle::write_timing

#pragma once
// The seam between the writing commands and the timing model (speed, drive buffer, underrun;
// emulator/timing). Writing commands say how much they move or what they do; these functions
// say when the drive is done. Today they describe a drive in fast mode: data is on the disc
// the moment it arrives and long operations take fixed nominal times. The timing model
// replaces the bodies, not the signatures.
#include "emulator/drive/drive_state.hpp"

#include <optional>

namespace spindle::write_timing {

struct WriteTiming {
    DriveTime busy_until;                 // when the WRITE may complete
    std::optional<scsi::SenseData> error; // e.g. 3/0C/09 after a buffer underrun with BUFE off
};

// A WRITE of `bytes` to the medium, accepted now (before the data reaches the medium).
WriteTiming write(DriveState& s, std::uint64_t bytes);
// SYNCHRONIZE CACHE: when everything in the drive buffer is on the disc.
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
// How long a long operation keeps the drive busy.
Duration operation(const DriveState& s, Operation op);

} // namespace spindle::write_timing

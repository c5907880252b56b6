#pragma once
// The drive's speeds for the medium in it now: the profile's list for the current MMC
// profile, and the host's choice (DriveState::speeds) resolved against that list. Page 2Ah,
// GET PERFORMANCE and the write-timing model all read speeds through here.
#include "emulator/drive/drive_state.hpp"

#include <span>

namespace spindle {

// The profile's speeds (kB/s) for the current medium; empty lists with no usable medium or a
// medium the profile gives no speeds for.
std::span<const std::uint32_t> medium_read_speeds(const DriveState& s);
std::span<const std::uint32_t> medium_write_speeds(const DriveState& s);

// The speeds in effect: the host's request resolved with timing::select_speed against the
// current medium's lists. 0 in a direction the medium has no speeds for (no medium, or a
// medium the drive cannot write).
CurrentSpeeds effective_speeds(const DriveState& s);

} // namespace spindle

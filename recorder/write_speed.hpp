#pragma once
// Write speeds: GET PERFORMANCE type 03h lists them; SET STREAMING (DVD, BD) or SET CD SPEED
// (CD) chooses one (libburn libburn/mmc.c, growisofs). For a medium whose profile the
// caller already knows: DataWriter's speed properties and the burn's own speed setting.
#include "recorder/disc_recorder_ex.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace spindle::recorder {

// IMAPI_WRITE_SPEED_DESCRIPTOR: one GET PERFORMANCE type 03h descriptor.
struct WriteSpeedDescriptor {
    std::uint32_t write_speed_kbps = 0; // as the drive reports it (1000 bytes/s)
    std::uint32_t sectors_per_second = 0;
    bool pure_cav = false; // WRC 10b (CAV)
    std::uint32_t end_lba = 0;
};

// The drive's write speeds for the loaded medium of `profile`.
Result<std::vector<WriteSpeedDescriptor>> read_write_speeds(DiscRecorderEx& ex, std::uint16_t profile);

// Sets the fastest of `speeds` at or below `sectors_per_second` (-1: the fastest; the slowest
// when all are faster). S_OK, or S_IMAPI_SPEEDADJUSTED / ROTATIONADJUSTED / BOTHADJUSTED when
// the chosen speed differs from the request; E_IMAPI_DF2DATA_INVALID_MEDIA_STATE, sending
// nothing, when `speeds` is empty.
Result<HResult> send_write_speed(DiscRecorderEx& ex, std::uint16_t profile,
                                 std::span<const WriteSpeedDescriptor> speeds, std::int32_t sectors_per_second,
                                 bool rotation_pure_cav);

// GET PERFORMANCE type 00h: the speed the drive writes at now, sectors per second.
Result<std::uint32_t> read_current_write_speed(DiscRecorderEx& ex, std::uint16_t profile);

} // namespace spindle::recorder

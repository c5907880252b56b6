#pragma once
// How long a drive takes to move data at a given speed. Pure functions: speeds are MMC speeds
// in kB/s (1000 bytes per second, as page 2Ah, GET PERFORMANCE and SET STREAMING count them);
// durations are nanoseconds on the drive's clock.
#include "emulator/media/media_type.hpp"
#include "emulator/timing/clock.hpp"

#include <cstdint>

namespace spindle::timing {

// 1x of each family in bytes per second:
// CD: 75 sectors per second of 2352 bytes = 176 400 B/s (Red Book; MMC-6 counts CD speeds in
//     these raw-sector kB/s, 1x = 176.4). A Mode 1 sector carries 2048 user bytes, so 1x moves
//     75 x 2048 = 153 600 user bytes per second (150 KiB/s).
// DVD: 11.08 Mbit/s of user data = 1 385 000 B/s (ECMA-267; 1x = 1385 kB/s in MMC-6 GET
//     PERFORMANCE and growisofs).
// BD: 36 Mbit/s of user data = 4 495 000 B/s (System Description Blu-ray Disc Recordable,
//     1x = 4.495 MB/s; 4495 kB/s in drives' page 2Ah).
inline constexpr std::uint64_t cd_1x_raw_bytes_per_second = 176'400;
inline constexpr std::uint64_t cd_1x_user_bytes_per_second = 153'600;
inline constexpr std::uint64_t dvd_1x_bytes_per_second = 1'385'000;
inline constexpr std::uint64_t bd_1x_bytes_per_second = 4'495'000;
inline constexpr std::uint32_t cd_raw_sector_bytes = 2352;
inline constexpr std::uint32_t user_block_bytes = 2048;

// The 1x speed of a family in MMC kB/s (CD rounds 176.4 down, as drives list 176 per x).
std::uint32_t one_x_kbps(MediaFamily family);

// User-data bytes per second at `speed_kbps`: the same for DVD and BD; CD speeds count whole
// 2352-byte sectors of which 2048 bytes are user data. 0 for a speed of 0.
std::uint64_t user_bytes_per_second(MediaFamily family, std::uint32_t speed_kbps);

// The time `bytes` take at `bytes_per_second`, rounded up to the next nanosecond. A rate of
// 0 never moves anything: the result is Duration::max().
Duration ticks_for_bytes(std::uint64_t bytes, std::uint64_t bytes_per_second);

// The bytes that move in `d` at `bytes_per_second`, rounded down (whole bytes only).
std::uint64_t bytes_in(Duration d, std::uint64_t bytes_per_second);

// Writing `bytes` of user data on a `family` disc at `speed_kbps`: e.g. 1 MiB on DVD at 16x
// (22160 kB/s) takes 47.3 ms.
Duration ticks_for_write(MediaFamily family, std::uint64_t bytes, std::uint32_t speed_kbps);

} // namespace spindle::timing

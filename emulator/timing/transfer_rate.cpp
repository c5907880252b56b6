#include "emulator/timing/transfer_rate.hpp"

#include <limits>

namespace spindle::timing {

namespace {
__extension__ using Wide = unsigned __int128;
constexpr std::uint64_t ns_per_second = 1'000'000'000;
} // namespace

std::uint32_t one_x_kbps(MediaFamily family) {
    switch (family) {
    case MediaFamily::Cd: return static_cast<std::uint32_t>(cd_1x_raw_bytes_per_second / 1000);
    case MediaFamily::Dvd: return static_cast<std::uint32_t>(dvd_1x_bytes_per_second / 1000);
    case MediaFamily::Bd: return static_cast<std::uint32_t>(bd_1x_bytes_per_second / 1000);
    }
    return 0;
}

std::uint64_t user_bytes_per_second(MediaFamily family, std::uint32_t speed_kbps) {
    const std::uint64_t raw = std::uint64_t{speed_kbps} * 1000;
    if (family != MediaFamily::Cd) return raw;
    return raw * user_block_bytes / cd_raw_sector_bytes;
}

Duration ticks_for_bytes(std::uint64_t bytes, std::uint64_t bytes_per_second) {
    if (bytes == 0) return Duration{0};
    if (bytes_per_second == 0) return Duration::max();
    const Wide ns = (Wide{bytes} * ns_per_second + bytes_per_second - 1) / bytes_per_second;
    constexpr auto limit = static_cast<Wide>(std::numeric_limits<Duration::rep>::max());
    return ns >= limit ? Duration::max() : Duration{static_cast<Duration::rep>(ns)};
}

std::uint64_t bytes_in(Duration d, std::uint64_t bytes_per_second) {
    if (d.count() <= 0) return 0;
    const Wide bytes = Wide{static_cast<std::uint64_t>(d.count())} * bytes_per_second / ns_per_second;
    constexpr auto limit = static_cast<Wide>(std::numeric_limits<std::uint64_t>::max());
    return bytes >= limit ? std::numeric_limits<std::uint64_t>::max() : static_cast<std::uint64_t>(bytes);
}

Duration ticks_for_write(MediaFamily family, std::uint64_t bytes, std::uint32_t speed_kbps) {
    return ticks_for_bytes(bytes, user_bytes_per_second(family, speed_kbps));
}

} // namespace spindle::timing

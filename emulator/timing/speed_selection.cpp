#include "emulator/timing/speed_selection.hpp"

#include <algorithm>
#include <limits>

namespace spindle::timing {

std::optional<std::uint32_t> select_speed(std::span<const std::uint32_t> supported, std::uint32_t requested_kbps) {
    if (supported.empty()) return std::nullopt;
    const auto [slowest, fastest_it] = std::minmax_element(supported.begin(), supported.end());
    if (requested_kbps == fastest) return *fastest_it;
    std::optional<std::uint32_t> best;
    for (const auto s : supported)
        if (within_request(s, requested_kbps) && (!best || s > *best)) best = s;
    return best ? *best : *slowest;
}

bool is_supported_exactly(std::span<const std::uint32_t> supported, std::uint32_t requested_kbps) {
    return std::any_of(supported.begin(), supported.end(), [&](std::uint32_t s) {
        return within_request(s, requested_kbps) && within_request(requested_kbps, s);
    });
}

std::uint32_t kbps_from_size_and_time(std::uint32_t size_kb, std::uint32_t time_ms) {
    const std::uint64_t kbps = std::uint64_t{size_kb} * 1000 / time_ms;
    return static_cast<std::uint32_t>(std::min<std::uint64_t>(kbps, std::numeric_limits<std::uint32_t>::max()));
}

} // namespace spindle::timing

#include "scsi/mmc_profiles.hpp"

#include <cmath>
#include <limits>

namespace spindle::scsi {

std::optional<std::uint32_t> sectors_per_second_at(std::uint16_t code, double x) {
    const auto* p = find_mmc_profile(code);
    if (p == nullptr || !(x > 0)) return std::nullopt;
    const double sectors = std::round(x * p->one_x / p->sector_bytes);
    // IMAPI2 passes speeds as a signed 32-bit count, -1 meaning the fastest.
    if (sectors > std::numeric_limits<std::int32_t>::max()) return std::nullopt;
    return static_cast<std::uint32_t>(sectors);
}

} // namespace spindle::scsi

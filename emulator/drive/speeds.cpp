#include "emulator/drive/speeds.hpp"

#include "emulator/timing/speed_selection.hpp"

namespace spindle {

namespace {
const MediumSpeeds* current_medium_speeds(const DriveState& s) {
    const auto profile = s.current_profile();
    if (profile == mmc_profile::none) return nullptr;
    const auto it = s.profile.speeds.find(profile);
    return it == s.profile.speeds.end() ? nullptr : &it->second;
}
} // namespace

std::span<const std::uint32_t> medium_read_speeds(const DriveState& s) {
    const auto* m = current_medium_speeds(s);
    return m ? std::span<const std::uint32_t>(m->read) : std::span<const std::uint32_t>{};
}

std::span<const std::uint32_t> medium_write_speeds(const DriveState& s) {
    const auto* m = current_medium_speeds(s);
    return m ? std::span<const std::uint32_t>(m->write) : std::span<const std::uint32_t>{};
}

CurrentSpeeds effective_speeds(const DriveState& s) {
    // A drive with the ignores_write_speed quirk takes the request but writes at its fastest.
    const auto write_request = s.profile.quirks.ignores_write_speed ? timing::fastest : s.speeds.write_kbps;
    return CurrentSpeeds{timing::select_speed(medium_read_speeds(s), s.speeds.read_kbps).value_or(0),
                         timing::select_speed(medium_write_speeds(s), write_request).value_or(0)};
}

} // namespace spindle

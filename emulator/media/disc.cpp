#include "emulator/media/disc.hpp"

namespace spindle {

std::uint16_t Disc::first_track_in_session(std::uint16_t session) const {
    for (const auto& t : tracks)
        if (t.session == session) return t.number;
    return 0;
}

const Track* Disc::track(std::uint16_t number) const {
    for (const auto& t : tracks)
        if (t.number == number) return &t;
    return nullptr;
}

Track* Disc::track(std::uint16_t number) {
    for (auto& t : tracks)
        if (t.number == number) return &t;
    return nullptr;
}

const Track* Disc::track_containing(std::uint32_t lba) const {
    for (const auto& t : tracks)
        if (lba >= t.start && lba < t.end()) return &t;
    return nullptr;
}

std::optional<std::uint32_t> Disc::last_recorded_lba() const {
    std::optional<std::uint32_t> last;
    for (const auto& t : tracks)
        if (t.recorded > 0) last = t.start + t.recorded - 1;
    return last;
}

} // namespace spindle

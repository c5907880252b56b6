#include "emulator/media/disc.hpp"

#include <algorithm>

namespace spindle {

std::uint16_t Disc::complete_session_count() const {
    std::uint16_t complete = 0;
    for (std::uint16_t s = 1; s <= session_count(); ++s) {
        const bool all_closed =
            std::all_of(tracks.begin(), tracks.end(), [&](const Track& t) { return t.session != s || t.closed; });
        if (!all_closed) break;
        complete = s;
    }
    if (last_session != SessionState::Complete && complete == session_count() && complete > 0) --complete;
    return complete;
}

std::uint16_t Disc::first_track_in_session(std::uint16_t session) const {
    for (const auto& t : tracks)
        if (t.session == session) return t.number;
    return 0;
}

std::uint16_t Disc::last_track_in_session(std::uint16_t session) const {
    std::uint16_t last = 0;
    for (const auto& t : tracks)
        if (t.session == session) last = t.number;
    return last;
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

const Track* Disc::pause_before(std::uint32_t lba) const {
    for (std::size_t i = 1; i < tracks.size(); ++i) {
        const Track& t = tracks[i];
        const Track& before = tracks[i - 1];
        if (lba >= before.end() && lba < t.start)
            return t.audio() && before.session == t.session && before.closed ? &t : nullptr;
    }
    return nullptr;
}

const Track* Disc::invisible_track() const {
    for (const auto& t : tracks)
        if (t.invisible) return &t;
    return nullptr;
}

std::optional<std::uint32_t> Disc::last_recorded_lba() const {
    std::optional<std::uint32_t> last;
    for (const auto& t : tracks)
        if (t.recorded > 0) last = t.start + t.recorded - 1;
    return last;
}

bool Disc::readable(std::uint32_t lba, std::uint32_t count) const {
    const std::uint64_t end = std::uint64_t{lba} + count;
    if (random_access()) return end <= capacity_blocks;
    std::uint64_t at = lba;
    while (at < end) {
        const Track* t = track_containing(static_cast<std::uint32_t>(at));
        if (t == nullptr || at >= t->readable_end()) return false;
        at = t->readable_end();
    }
    return true;
}

std::uint32_t Disc::lead_out_start() const {
    const std::uint16_t complete = complete_session_count();
    std::uint32_t end = 0;
    for (const auto& t : tracks)
        if (t.session <= complete) end = t.start + (t.closed ? std::max(t.size, t.recorded) : t.recorded);
    return end;
}

bool incremental_kind(MediaKind k) {
    return k == MediaKind::DvdMinusR || k == MediaKind::DvdMinusRDl || k == MediaKind::DvdMinusRwSequential;
}

Track make_invisible_track(const Disc& d, std::uint16_t number, std::uint16_t session, std::uint32_t start) {
    Track t;
    t.number = number;
    t.session = session;
    t.start = start;
    t.size = d.capacity_blocks - start;
    t.invisible = true;
    t.data_mode = 0xF; // MMC-6 table 530: no data written yet
    if (incremental_kind(d.kind)) {
        // DVD-R incremental: Packet/Inc with a 16-block fixed packet (libburn, growisofs page 05h)
        t.incremental = true;
        t.fixed_packet = true;
        t.packet_size = 16;
        t.track_mode = 0x5;
    }
    return t;
}

std::uint32_t cd_lead_out_length(std::uint16_t session) { return session <= 1 ? 6750 : 2250; }

std::uint32_t session_gap(MediaKind kind, std::uint16_t closed_sessions) {
    switch (media_type(kind).family) {
    case MediaFamily::Cd: return cd_lead_out_length(closed_sessions) + 4500 + cd_pregap_blocks;
    case MediaFamily::Bd: return 0;
    case MediaFamily::Dvd: break;
    }
    switch (kind) {
    case MediaKind::DvdPlusR:
    case MediaKind::DvdPlusRDl: return 2048;
    default: return 28688;
    }
}

} // namespace spindle

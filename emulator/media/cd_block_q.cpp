#include "emulator/media/cd_block_q.hpp"

namespace spindle {

cd::QFrame block_q(const Disc& d, const Track* t, bool pause, std::uint32_t lba) {
    const auto at = static_cast<std::int32_t>(lba);
    if (t == nullptr) return cd::q_position(0x4, 1, 1, 0, at);
    if (!pause) { // the catalogue number and an audio track's ISRC take the place of the position
        const std::uint32_t in_hundred = (lba - t->start) % cd::q_interval;
        if (in_hundred == cd::q_catalogue_at && !d.mcn.empty()) return cd::q_catalogue(t->track_mode, d.mcn, at);
        if (in_hundred == cd::q_isrc_at && t->audio() && !t->isrc.empty())
            return cd::q_isrc(t->track_mode, t->isrc, at);
    }
    return cd::q_position(t->track_mode, static_cast<std::uint8_t>(t->number), pause ? 0 : t->index_at(lba),
                          pause ? t->start - lba : lba - t->start, at);
}

} // namespace spindle

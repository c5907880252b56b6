#pragma once
// The Q sub-channel a drive reads in block `lba` of a CD, from the disc's layout (Red Book /
// ECMA-130 22.3.3; media/cd_subchannel.hpp builds each mode): the position in `track` (mode 1),
// counting down to its start in its pause (`pause`: index 0), then index 1 and one more past
// each of its index marks; and, in place of the position at the blocks media/cd_subchannel.hpp
// names, the catalogue number (mode 2) and an audio track's ISRC (mode 3). READ CD returns it,
// and disc images that hold sub-channels record it.
#include "emulator/media/cd_subchannel.hpp"
#include "emulator/media/disc.hpp"

namespace spindle {

// `track`: the track `lba` is in, or whose pause it is; none outside every track (a data
// track 1's position is taken).
cd::QFrame block_q(const Disc& d, const Track* track, bool pause, std::uint32_t lba);

} // namespace spindle

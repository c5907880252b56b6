#pragma once
// A disc's recorded blocks copied from one store into another, each in the form its track keeps
// them: 2048 bytes of user data (Mode 1), whole 2352-byte sectors (audio, Mode 2), and the R-W
// sub-channels of tracks that carry them. How a CD image becomes a recordable disc
// (`appendable cd-r from DISC.cue`): the drive writes new sessions beside the image's, so its
// tracks move into the disc's own writable store.
#include "emulator/media/block_store.hpp"
#include "emulator/media/disc.hpp"

#include <expected>
#include <string>

namespace spindle {

std::expected<void, std::string> copy_disc_blocks(const Disc& disc, BlockStore& from, BlockStore& to);

} // namespace spindle

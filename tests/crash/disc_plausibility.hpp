#pragma once
// Whether a disc's layout, as a restarted drive loads it, is one a real disc can be in: tracks
// numbered and placed in order inside the disc, a closed track fully recorded, at most one
// invisible track and it last, a disc status that agrees with its tracks and sessions, and no
// background format running (a drive that just started runs none).
#include "emulator/media/disc.hpp"

#include <string>
#include <vector>

namespace spindle::crash {

// What is wrong, one line each; empty when the layout is plausible.
std::vector<std::string> implausible(const Disc& d);

} // namespace spindle::crash

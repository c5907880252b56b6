#pragma once
// What a disc can be formatted to: the formattable capacity descriptors READ FORMAT
// CAPACITIES lists (MMC-6 table 493) and FORMAT UNIT accepts — one list, so both agree.
#include "emulator/media/disc.hpp"

#include <vector>

namespace spindle {

struct Formattable {
    std::uint32_t blocks;
    std::uint8_t type;       // format type, byte 4 bits 7-2
    std::uint32_t parameter; // type dependent parameter (24 bits)
};

std::vector<Formattable> formattable(const Disc& d);

} // namespace spindle

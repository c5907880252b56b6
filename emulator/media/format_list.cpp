#include "emulator/media/format_list.hpp"

namespace spindle {

// What each medium can be formatted to. BD: what a WH16NS40 answers on BD-R (READ FORMAT
// CAPACITIES in a public dvd+rw-mediainfo test fixture): 00h 11826176, 32h 11826176 /
// 5796864 / 12088320; BD-RE offers the same zone sizes as 30h and the spare-less 31h.
// DVD+RW: 26h (growisofs/dvd+rw-format). DVD-RW: 00h full and 15h quick (to restricted
// overwrite), 10h full sequential; 13h grows restricted overwrite.
// DVD-RAM: 00h with the block length as parameter. ECC/packet parameters follow MMC-6 table 494.
std::vector<Formattable> formattable(const Disc& d) {
    const std::uint32_t cap = media_type(d.kind).capacity_blocks;
    switch (d.kind) {
    case MediaKind::DvdPlusRw: return {{cap, 0x26, 0}};
    case MediaKind::DvdMinusRwSequential: return {{cap, 0x00, 16}, {cap, 0x10, 16}, {0, 0x15, 16}};
    case MediaKind::DvdMinusRwRestricted: return {{cap, 0x00, 16}, {cap, 0x10, 16}, {cap, 0x13, 16}};
    case MediaKind::DvdRam: return {{cap, 0x00, 2048}};
    case MediaKind::BdRe:
        return {{11'826'176, 0x00, 0x3000},
                {11'826'176, 0x30, 0x3000},
                {5'796'864, 0x30, 0x3000},
                {12'088'320, 0x30, 0x3000},
                {cap, 0x31, 0x800}};
    case MediaKind::BdR:
        if (d.status != DiscStatus::Empty || d.formatted) return {}; // formatted once, before writing
        return {{11'826'176, 0x00, 0x3000},
                {11'826'176, 0x32, 0x3000},
                {5'796'864, 0x32, 0x3000},
                {12'088'320, 0x32, 0x3000}};
    default: return {};
    }
}

} // namespace spindle

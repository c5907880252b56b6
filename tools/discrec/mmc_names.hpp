#pragma once
// Names of MMC codes for people: features (MMC-6 table 85), mode pages (MMC-6 7.1, SPC-4 7.5)
// and profiles as the MMC profile table names them, each with its code ("DVD+R (001Bh)").
#include <cstdint>
#include <string>
#include <string_view>

namespace spindle::discrec {

std::string_view feature_name(std::uint16_t code);  // "Random Readable"; "" when unknown
std::string_view mode_page_name(std::uint8_t code); // "Write Parameters"; "" when unknown
std::string profile_label(std::uint16_t profile);   // "BD-R (0041h)", "0050h" when unknown
std::string feature_label(std::uint16_t code);      // "DVD Read (001Fh)", "FF00h" when unknown

} // namespace spindle::discrec

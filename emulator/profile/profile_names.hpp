#pragma once
// MMC profiles as profiles are written in YAML: their keys ("dvd+r") come from the one MMC
// profile table (scsi/mmc_profiles.hpp), with its 1x speeds, so "16x" can be turned into kB/s.
#include "scsi/mmc_profiles.hpp"

#include <cstdint>
#include <string>

namespace spindle {

// The key when there is one, else "0x0017".
std::string profile_display_name(std::uint16_t number);
// "cd-rom, cd-r, ..." for error messages.
std::string profile_name_list();

} // namespace spindle

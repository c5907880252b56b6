#pragma once
// MMC profile names as profiles are written in YAML, and the 1x speed of each family, so
// "16x" can be turned into kB/s.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace spindle {

struct ProfileName {
    std::string_view name;
    std::uint16_t number;           // MMC-6 table 91
    std::uint32_t one_x_tenths_kbs; // 1x in tenths of kB/s: CD 1764, DVD 13850, BD 44950
    bool writable;                  // a drive may list write speeds for it
};

std::optional<ProfileName> profile_by_name(std::string_view name);
std::optional<ProfileName> profile_by_number(std::uint16_t number);
// The name when there is one, else "0x0017".
std::string profile_display_name(std::uint16_t number);
// "cd-rom, cd-r, ..." for error messages.
std::string profile_name_list();

} // namespace spindle

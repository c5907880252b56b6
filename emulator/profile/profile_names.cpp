#include "emulator/profile/profile_names.hpp"

#include "emulator/media/media_type.hpp"

#include <fmt/format.h>

#include <array>

namespace spindle {

namespace {

constexpr std::uint32_t cd_1x = 1764;
constexpr std::uint32_t dvd_1x = 13850;
constexpr std::uint32_t bd_1x = 44950;

// clang-format off
constexpr std::array<ProfileName, 17> names{{
    {"cd-rom",        mmc_profile::cd_rom,                    cd_1x,  false},
    {"cd-r",          mmc_profile::cd_r,                      cd_1x,  true},
    {"cd-rw",         mmc_profile::cd_rw,                     cd_1x,  true},
    {"dvd-rom",       mmc_profile::dvd_rom,                   dvd_1x, false},
    {"dvd-r",         mmc_profile::dvd_minus_r,               dvd_1x, true},
    {"dvd-r-dl",      mmc_profile::dvd_minus_r_dl_sequential, dvd_1x, true},
    {"dvd-r-dl-jump", mmc_profile::dvd_minus_r_dl_jump,       dvd_1x, true},
    {"dvd-rw",        mmc_profile::dvd_minus_rw_sequential,   dvd_1x, true},
    {"dvd-rw-ro",     mmc_profile::dvd_minus_rw_restricted,   dvd_1x, true},
    {"dvd+r",         mmc_profile::dvd_plus_r,                dvd_1x, true},
    {"dvd+r-dl",      mmc_profile::dvd_plus_r_dl,             dvd_1x, true},
    {"dvd+rw",        mmc_profile::dvd_plus_rw,               dvd_1x, true},
    {"dvd-ram",       mmc_profile::dvd_ram,                   dvd_1x, true},
    {"bd-rom",        mmc_profile::bd_rom,                    bd_1x,  false},
    {"bd-r",          mmc_profile::bd_r_srm,                  bd_1x,  true},
    {"bd-r-rrm",      mmc_profile::bd_r_rrm,                  bd_1x,  true},
    {"bd-re",         mmc_profile::bd_re,                     bd_1x,  true},
}};
// clang-format on

} // namespace

std::optional<ProfileName> profile_by_name(std::string_view name) {
    for (const auto& n : names)
        if (n.name == name) return n;
    return std::nullopt;
}

std::optional<ProfileName> profile_by_number(std::uint16_t number) {
    for (const auto& n : names)
        if (n.number == number) return n;
    return std::nullopt;
}

std::string profile_display_name(std::uint16_t number) {
    if (auto n = profile_by_number(number)) return std::string(n->name);
    return fmt::format("0x{:04X}", number);
}

std::string profile_name_list() {
    std::string out;
    for (const auto& n : names) {
        if (!out.empty()) out += ", ";
        out += n.name;
    }
    return out;
}

} // namespace spindle

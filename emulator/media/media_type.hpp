#pragma once
// The physical media spindle models: one row per medium with its MMC profile, default
// capacity and recording rules. Capacities are user-data blocks of 2048 bytes as real blank
// discs report them (READ TRACK INFORMATION free blocks / READ FORMAT CAPACITIES).
#include "scsi/mmc_profiles.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace spindle {

enum class MediaKind : std::uint8_t {
    CdRom,
    CdR,
    CdRw,
    DvdRom,
    DvdMinusR,
    DvdMinusRDl,
    DvdMinusRwSequential,
    DvdMinusRwRestricted,
    DvdPlusR,
    DvdPlusRDl,
    DvdPlusRw,
    DvdRam,
    BdRom,
    BdR,
    BdRe,
};

// Codes and families from the one MMC profile table (scsi/mmc_profiles.hpp).
namespace mmc_profile = scsi::mmc_profile;
using MediaFamily = scsi::MediaFamily;

struct MediaType {
    MediaKind kind;
    std::string_view name; // as users write it: "dvd+r"
    std::uint16_t profile; // MMC profile when loaded
    MediaFamily family;
    std::uint32_t capacity_blocks;
    std::uint16_t ecc_blocks; // blocks per ECC block / cluster: CD 1, DVD 16, BD 32
    bool recordable;          // can be written at all
    bool rewritable;          // can be blanked, formatted or overwritten
    bool random_access;       // written at any address once formatted (restricted overwrite, +RW, RAM, BD-RE)
    std::uint8_t layers;
};

// clang-format off
inline constexpr std::array<MediaType, 15> media_types{{
    // kind                          name          profile                                  family            capacity    ecc rec    rw     random  layers
    {MediaKind::CdRom,               "cd-rom",     mmc_profile::cd_rom,                      MediaFamily::Cd,  359'849,    1,  false, false, false, 1},
    {MediaKind::CdR,                 "cd-r",       mmc_profile::cd_r,                        MediaFamily::Cd,  359'849,    1,  true,  false, false, 1},
    {MediaKind::CdRw,                "cd-rw",      mmc_profile::cd_rw,                       MediaFamily::Cd,  359'849,    1,  true,  true,  false, 1},
    {MediaKind::DvdRom,              "dvd-rom",    mmc_profile::dvd_rom,                     MediaFamily::Dvd, 2'298'496,  16, false, false, false, 1},
    {MediaKind::DvdMinusR,           "dvd-r",      mmc_profile::dvd_minus_r,                 MediaFamily::Dvd, 2'298'496,  16, true,  false, false, 1},
    {MediaKind::DvdMinusRDl,         "dvd-r-dl",   mmc_profile::dvd_minus_r_dl_sequential,   MediaFamily::Dvd, 4'171'712,  16, true,  false, false, 2},
    {MediaKind::DvdMinusRwSequential,"dvd-rw",     mmc_profile::dvd_minus_rw_sequential,     MediaFamily::Dvd, 2'298'496,  16, true,  true,  false, 1},
    {MediaKind::DvdMinusRwRestricted,"dvd-rw-ro",  mmc_profile::dvd_minus_rw_restricted,     MediaFamily::Dvd, 2'298'496,  16, true,  true,  true,  1},
    {MediaKind::DvdPlusR,            "dvd+r",      mmc_profile::dvd_plus_r,                  MediaFamily::Dvd, 2'295'104,  16, true,  false, false, 1},
    {MediaKind::DvdPlusRDl,          "dvd+r-dl",   mmc_profile::dvd_plus_r_dl,               MediaFamily::Dvd, 4'173'824,  16, true,  false, false, 2},
    {MediaKind::DvdPlusRw,           "dvd+rw",     mmc_profile::dvd_plus_rw,                 MediaFamily::Dvd, 2'295'104,  16, true,  true,  true,  1},
    {MediaKind::DvdRam,              "dvd-ram",    mmc_profile::dvd_ram,                     MediaFamily::Dvd, 2'236'704,  16, true,  true,  true,  1},
    {MediaKind::BdRom,               "bd-rom",     mmc_profile::bd_rom,                      MediaFamily::Bd,  12'219'392, 32, false, false, false, 1},
    {MediaKind::BdR,                 "bd-r",       mmc_profile::bd_r_srm,                    MediaFamily::Bd,  12'219'392, 32, true,  false, false, 1},
    {MediaKind::BdRe,                "bd-re",      mmc_profile::bd_re,                       MediaFamily::Bd,  12'219'392, 32, true,  true,  true,  1},
}};
// clang-format on

constexpr const MediaType& media_type(MediaKind kind) {
    for (const auto& t : media_types)
        if (t.kind == kind) return t;
    return media_types[0]; // unreachable: every kind has a row (checked below)
}

constexpr std::optional<MediaKind> media_kind_by_name(std::string_view name) {
    for (const auto& t : media_types)
        if (t.name == name) return t.kind;
    return std::nullopt;
}

constexpr bool media_table_is_complete() {
    for (std::size_t i = 0; i < media_types.size(); ++i)
        if (static_cast<std::size_t>(media_types[i].kind) != i) return false;
    return true;
}
static_assert(media_table_is_complete(), "media_types rows must follow MediaKind order");

constexpr bool media_profiles_agree() {
    // A loop, not find_mmc_profile: a pointer compared with nullptr is no constant under ASan.
    for (const auto& t : media_types) {
        bool found = false;
        for (const auto& p : scsi::mmc_profiles)
            if (p.code == t.profile) found = p.key == t.name && p.family == t.family && p.unit_blocks == t.ecc_blocks;
        if (!found) return false;
    }
    return true;
}
static_assert(media_profiles_agree(),
              "every medium's profile is in the MMC profile table, with its name, family and unit");

} // namespace spindle

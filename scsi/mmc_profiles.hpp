#pragma once
// The MMC profiles spindle knows (MMC-6 5.3.1, table 91): per profile its code, the name
// people read, the name profiles and media presets write, its family, block size and 1x speed.
// The one table: the drive model, the recorder, the bridge and the tools all look profiles up here.
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace spindle::scsi {

enum class MediaFamily : std::uint8_t { Cd, Dvd, Bd };

// MMC-6 table 91 (profile list).
namespace mmc_profile {
inline constexpr std::uint16_t none = 0x0000; // no current profile: no medium
inline constexpr std::uint16_t cd_rom = 0x0008;
inline constexpr std::uint16_t cd_r = 0x0009;
inline constexpr std::uint16_t cd_rw = 0x000A;
inline constexpr std::uint16_t dvd_rom = 0x0010;
inline constexpr std::uint16_t dvd_minus_r = 0x0011;
inline constexpr std::uint16_t dvd_ram = 0x0012;
inline constexpr std::uint16_t dvd_minus_rw_restricted = 0x0013;
inline constexpr std::uint16_t dvd_minus_rw_sequential = 0x0014;
inline constexpr std::uint16_t dvd_minus_r_dl_sequential = 0x0015;
inline constexpr std::uint16_t dvd_minus_r_dl_jump = 0x0016;
inline constexpr std::uint16_t dvd_plus_rw = 0x001A;
inline constexpr std::uint16_t dvd_plus_r = 0x001B;
inline constexpr std::uint16_t dvd_plus_rw_dl = 0x002A; // a code only: no medium spindle models, no row
inline constexpr std::uint16_t dvd_plus_r_dl = 0x002B;
inline constexpr std::uint16_t bd_rom = 0x0040;
inline constexpr std::uint16_t bd_r_srm = 0x0041;
inline constexpr std::uint16_t bd_r_rrm = 0x0042;
inline constexpr std::uint16_t bd_re = 0x0043;
} // namespace mmc_profile

// 1x in bytes of user data per second, as MMC-6 speeds count them (kB = 1000 bytes):
// CD 75 sectors of 2352 bytes = 176.4 kB/s; DVD 11.08 Mbit/s = 1385 kB/s; BD 4495 kB/s
// (real drives list DVD 16x as 22160 and BD 2x as 8990 kB/s in GET PERFORMANCE and page 2Ah).
inline constexpr std::uint32_t cd_one_x = 176'400;
inline constexpr std::uint32_t dvd_one_x = 1'385'000;
inline constexpr std::uint32_t bd_one_x = 4'495'000;

struct MmcProfile {
    std::uint16_t code = 0;
    std::string_view name; // as people read it: "DVD+R", "BD-RE"
    std::string_view key;  // as profiles and presets write it: "dvd+r", "bd-re"
    MediaFamily family = MediaFamily::Cd;
    std::uint16_t block_size = 2048;   // bytes of a logical block (READ CAPACITY)
    std::uint16_t sector_bytes = 2048; // bytes of a sector as write speeds count them: CD 2352 (75/s at 1x)
    std::uint32_t one_x = 0;           // bytes per second at 1x
    std::uint16_t unit_blocks = 1;     // blocks of a recording unit: CD sector 1, DVD ECC block 16, BD cluster 32
    bool writable = false;             // a drive may list write speeds for it
};

namespace detail {
constexpr MmcProfile cd(std::uint16_t code, std::string_view name, std::string_view key, bool writable) {
    return {code, name, key, MediaFamily::Cd, 2048, 2352, cd_one_x, 1, writable};
}
constexpr MmcProfile dvd(std::uint16_t code, std::string_view name, std::string_view key, bool writable) {
    return {code, name, key, MediaFamily::Dvd, 2048, 2048, dvd_one_x, 16, writable};
}
constexpr MmcProfile bd(std::uint16_t code, std::string_view name, std::string_view key, bool writable) {
    return {code, name, key, MediaFamily::Bd, 2048, 2048, bd_one_x, 32, writable};
}
} // namespace detail

// clang-format off
inline constexpr std::array<MmcProfile, 17> mmc_profiles{{
    detail::cd (mmc_profile::cd_rom,                    "CD-ROM",                        "cd-rom",        false),
    detail::cd (mmc_profile::cd_r,                      "CD-R",                          "cd-r",          true),
    detail::cd (mmc_profile::cd_rw,                     "CD-RW",                         "cd-rw",         true),
    detail::dvd(mmc_profile::dvd_rom,                   "DVD-ROM",                       "dvd-rom",       false),
    detail::dvd(mmc_profile::dvd_minus_r,               "DVD-R",                         "dvd-r",         true),
    detail::dvd(mmc_profile::dvd_ram,                   "DVD-RAM",                       "dvd-ram",       true),
    detail::dvd(mmc_profile::dvd_minus_rw_restricted,   "DVD-RW (restricted overwrite)", "dvd-rw-ro",     true),
    detail::dvd(mmc_profile::dvd_minus_rw_sequential,   "DVD-RW",                        "dvd-rw",        true),
    detail::dvd(mmc_profile::dvd_minus_r_dl_sequential, "DVD-R DL",                      "dvd-r-dl",      true),
    detail::dvd(mmc_profile::dvd_minus_r_dl_jump,       "DVD-R DL (layer jump)",         "dvd-r-dl-jump", true),
    detail::dvd(mmc_profile::dvd_plus_rw,               "DVD+RW",                        "dvd+rw",        true),
    detail::dvd(mmc_profile::dvd_plus_r,                "DVD+R",                         "dvd+r",         true),
    detail::dvd(mmc_profile::dvd_plus_r_dl,             "DVD+R DL",                      "dvd+r-dl",      true),
    detail::bd (mmc_profile::bd_rom,                    "BD-ROM",                        "bd-rom",        false),
    detail::bd (mmc_profile::bd_r_srm,                  "BD-R",                          "bd-r",          true),
    detail::bd (mmc_profile::bd_r_rrm,                  "BD-R (random recording)",       "bd-r-rrm",      true),
    detail::bd (mmc_profile::bd_re,                     "BD-RE",                         "bd-re",         true),
}};
// clang-format on

constexpr const MmcProfile* find_mmc_profile(std::uint16_t code) {
    for (const auto& p : mmc_profiles)
        if (p.code == code) return &p;
    return nullptr;
}

constexpr const MmcProfile* find_mmc_profile_by_key(std::string_view key) {
    for (const auto& p : mmc_profiles)
        if (p.key == key) return &p;
    return nullptr;
}

// "DVD+R"; "no medium" for 0000h, "unknown medium" for a code not in the table.
constexpr std::string_view mmc_profile_name(std::uint16_t code) {
    if (code == mmc_profile::none) return "no medium";
    if (const auto* p = find_mmc_profile(code)) return p->name;
    return "unknown medium";
}

// `x` times the profile's 1x in sectors per second (IMAPI2's unit: 2352-byte sectors on CD,
// 2048-byte ones on DVD and BD), rounded to the nearest sector: 16x DVD = 10820, as a drive's
// 22160 kB/s converts. nullopt for a profile without a 1x.
std::optional<std::uint32_t> sectors_per_second_at(std::uint16_t code, double x);

} // namespace spindle::scsi

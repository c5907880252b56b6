// IDiscFormat2Data speeds: GET PERFORMANCE type 03h lists them; SET STREAMING (DVD, BD) or
// SET CD SPEED (CD) chooses one (reference notes §5, "Probe" step 6).
#include "recorder/data_writer.hpp"

#include "scsi/bytes.hpp"
#include "scsi/mmc_profiles.hpp"

#include <algorithm>

namespace spindle::recorder {
namespace {
using scsi::get_be32;
using scsi::put_be16;
using scsi::put_be32;

// IMAPI2 counts speeds in sectors per second: 2352-byte sectors on CD (75 per second at 1x),
// 2048-byte ones on DVD and BD (the MMC profile table's sector_bytes).
std::uint32_t sector_bytes(std::uint16_t profile) {
    const auto* p = scsi::find_mmc_profile(profile);
    return p != nullptr ? p->sector_bytes : 2048;
}
bool is_cd(std::uint16_t profile) {
    const auto* p = scsi::find_mmc_profile(profile);
    return p != nullptr && p->family == scsi::MediaFamily::Cd;
}
std::uint32_t to_sectors(std::uint32_t kbps, std::uint16_t profile) {
    return static_cast<std::uint32_t>(std::uint64_t{kbps} * 1000 / sector_bytes(profile));
}
std::uint32_t to_kbps(std::uint32_t sectors, std::uint16_t profile) {
    return static_cast<std::uint32_t>((std::uint64_t{sectors} * sector_bytes(profile) + 999) / 1000);
}
} // namespace

Result<std::vector<WriteSpeedDescriptor>> DataWriter::supported_write_speed_descriptors() {
    auto profile = current_physical_media_type();
    if (!profile) return std::unexpected(profile.error());
    // GET PERFORMANCE (MMC-6 table 339), type 03h: an 8-byte header, 16-byte descriptors
    // (table 348: byte 0 WRC bits 4-3, end LBA, read speed, write speed in kB/s).
    auto data = recorder_->ex().read_variable(
        [](std::uint32_t n) {
            std::array<std::uint8_t, 12> c{0xAC};
            put_be16(c, 8, static_cast<std::uint16_t>((n - 8) / 16));
            c[10] = 0x03;
            return c;
        },
        8, 8 + 16 * 64, [](std::span<const std::uint8_t> h) { return std::size_t{get_be32(h, 0)} + 4; });
    if (!data) return std::unexpected(data.error());
    std::vector<WriteSpeedDescriptor> out;
    for (std::size_t at = 8; at + 16 <= data->size(); at += 16) {
        WriteSpeedDescriptor d;
        d.pure_cav = (((*data)[at] >> 3) & 0x03) == 0x02;
        d.end_lba = get_be32(*data, at + 4);
        d.write_speed_kbps = get_be32(*data, at + 12);
        d.sectors_per_second = to_sectors(d.write_speed_kbps, *profile);
        out.push_back(d);
    }
    return out;
}

Result<std::vector<std::uint32_t>> DataWriter::supported_write_speeds() {
    auto d = supported_write_speed_descriptors();
    if (!d) return std::unexpected(d.error());
    std::vector<std::uint32_t> out;
    for (const auto& s : *d) out.push_back(s.sectors_per_second);
    return out;
}

Result<HResult> DataWriter::set_write_speed(std::int32_t sectors_per_second, bool rotation_pure_cav) {
    auto speeds = supported_write_speed_descriptors();
    if (!speeds) return std::unexpected(speeds.error());
    auto profile = current_physical_media_type();
    if (!profile) return std::unexpected(profile.error());
    if (speeds->empty()) return fail(hr::df2data_invalid_media_state, "the drive lists no write speed for this medium");
    requested_speed_ = sectors_per_second;
    requested_cav_ = rotation_pure_cav;
    // The fastest speed at or below the request (the slowest when all are faster).
    auto chosen = std::ranges::max_element(*speeds, {}, &WriteSpeedDescriptor::sectors_per_second);
    if (sectors_per_second >= 0) {
        auto fits = [&](const WriteSpeedDescriptor& d) {
            return d.sectors_per_second <= static_cast<std::uint32_t>(sectors_per_second);
        };
        auto best = speeds->end();
        for (auto it = speeds->begin(); it != speeds->end(); ++it)
            if (fits(*it) && (best == speeds->end() || it->sectors_per_second > best->sectors_per_second)) best = it;
        chosen = best != speeds->end()
                     ? best
                     : std::ranges::min_element(*speeds, {}, &WriteSpeedDescriptor::sectors_per_second);
    }
    auto& ex = recorder_->ex();
    const std::uint32_t kbps = chosen->write_speed_kbps;
    if (is_cd(*profile)) {
        // SET CD SPEED (MMC-6 table 613): read speed FFFFh (the fastest), write speed kB/s,
        // rotational control 00b CLV / 01b CAV.
        std::array<std::uint8_t, 12> c{0xBB, static_cast<std::uint8_t>(chosen->pure_cav ? 1 : 0)};
        put_be16(c, 2, 0xFFFF);
        put_be16(c, 4, static_cast<std::uint16_t>(std::min<std::uint32_t>(kbps, 0xFFFF)));
        if (auto r = ex.run(c, {}); !r) return std::unexpected(r.error());
    } else {
        // SET STREAMING (MMC-6 table 622) with a performance descriptor (table 623): the
        // whole disc, write size kB per write time ms.
        std::array<std::uint8_t, 28> d{};
        d[0] = static_cast<std::uint8_t>(chosen->pure_cav ? 0x10 : 0);
        put_be32(d, 8, chosen->end_lba);
        put_be32(d, 12, kbps);
        put_be32(d, 16, 1000);
        put_be32(d, 20, kbps);
        put_be32(d, 24, 1000);
        std::array<std::uint8_t, 12> c{0xB6};
        put_be16(c, 9, static_cast<std::uint16_t>(d.size()));
        if (auto r = ex.run(c, DiscRecorderEx::Transfer{DataDirection::ToDevice, {}, d}); !r)
            return std::unexpected(r.error());
    }
    const bool speed_adjusted = sectors_per_second >= 0 &&
                                chosen->sectors_per_second != static_cast<std::uint32_t>(sectors_per_second) &&
                                to_kbps(static_cast<std::uint32_t>(sectors_per_second), *profile) != kbps;
    const bool rotation_adjusted = chosen->pure_cav != rotation_pure_cav;
    if (speed_adjusted && rotation_adjusted) return hr::s_both_adjusted;
    if (speed_adjusted) return hr::s_speed_adjusted;
    if (rotation_adjusted) return hr::s_rotation_adjusted;
    return hr::s_ok;
}

Result<std::uint32_t> DataWriter::current_write_speed() {
    auto profile = current_physical_media_type();
    if (!profile) return std::unexpected(profile.error());
    // GET PERFORMANCE type 00h, Write, tolerance 10b: one nominal performance descriptor.
    const std::array<std::uint8_t, 12> c{0xAC, 0x14, 0, 0, 0, 0, 0, 0, 0, 1, 0x00, 0};
    std::array<std::uint8_t, 24> a{};
    auto n = recorder_->ex().run(c, DiscRecorderEx::Transfer{DataDirection::FromDevice, a, {}});
    if (!n) return std::unexpected(n.error());
    if (*n < 24) return 0u; // no descriptor: no write speed for this medium
    return to_sectors(get_be32(a, 8 + 12), *profile);
}

} // namespace spindle::recorder

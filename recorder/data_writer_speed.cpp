// IDiscFormat2Data speeds: GET PERFORMANCE type 03h lists them; SET STREAMING (DVD, BD) or
// SET CD SPEED (CD) chooses one (libburn libburn/mmc.c, growisofs).
#include "recorder/data_writer.hpp"
#include "recorder/write_speed.hpp"

#include "scsi/bytes.hpp"
#include "scsi/cdb_performance.hpp"
#include "scsi/mmc_profiles.hpp"

#include <algorithm>

namespace spindle::recorder {
namespace {
using scsi::get_be32;

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

Result<std::vector<WriteSpeedDescriptor>> read_write_speeds(DiscRecorderEx& ex, std::uint16_t profile) {
    // GET PERFORMANCE (MMC-6 table 339), type 03h: an 8-byte header, 16-byte descriptors
    // (table 348: byte 0 WRC bits 4-3, end LBA, read speed, write speed in kB/s).
    auto data = ex.read_variable(
        [](std::uint32_t n) {
            return scsi::cdb::get_performance(scsi::cdb::performance_type::write_speed,
                                              static_cast<std::uint16_t>((n - 8) / 16));
        },
        8, 8 + 16 * 64, [](std::span<const std::uint8_t> h) { return std::size_t{get_be32(h, 0)} + 4; });
    if (!data) return std::unexpected(data.error());
    std::vector<WriteSpeedDescriptor> out;
    for (std::size_t at = 8; at + 16 <= data->size(); at += 16) {
        WriteSpeedDescriptor d;
        d.pure_cav = (((*data)[at] >> 3) & 0x03) == 0x02;
        d.end_lba = get_be32(*data, at + 4);
        d.write_speed_kbps = get_be32(*data, at + 12);
        d.sectors_per_second = to_sectors(d.write_speed_kbps, profile);
        out.push_back(d);
    }
    return out;
}

Result<HResult> send_write_speed(DiscRecorderEx& ex, std::uint16_t profile,
                                 std::span<const WriteSpeedDescriptor> speeds, std::int32_t sectors_per_second,
                                 bool rotation_pure_cav) {
    if (speeds.empty()) return fail(hr::df2data_invalid_media_state, "the drive lists no write speed for this medium");
    // The fastest speed at or below the request (the slowest when all are faster).
    auto chosen = std::ranges::max_element(speeds, {}, &WriteSpeedDescriptor::sectors_per_second);
    if (sectors_per_second >= 0) {
        auto fits = [&](const WriteSpeedDescriptor& d) {
            return d.sectors_per_second <= static_cast<std::uint32_t>(sectors_per_second);
        };
        auto best = speeds.end();
        for (auto it = speeds.begin(); it != speeds.end(); ++it)
            if (fits(*it) && (best == speeds.end() || it->sectors_per_second > best->sectors_per_second)) best = it;
        chosen = best != speeds.end() ? best
                                      : std::ranges::min_element(speeds, {}, &WriteSpeedDescriptor::sectors_per_second);
    }
    const std::uint32_t kbps = chosen->write_speed_kbps;
    if (is_cd(profile)) {
        // SET CD SPEED (MMC-6 table 613): read speed FFFFh (the fastest), write speed kB/s,
        // rotational control 00b CLV / 01b CAV.
        const auto c = scsi::cdb::set_cd_speed(scsi::SetCdSpeedCdb::maximum,
                                               static_cast<std::uint16_t>(std::min<std::uint32_t>(kbps, 0xFFFF)),
                                               chosen->pure_cav);
        if (auto r = ex.run(c, {}); !r) return std::unexpected(r.error());
    } else {
        // SET STREAMING (MMC-6 table 622) with a performance descriptor (table 623): the
        // whole disc, write size kB per write time ms.
        const auto d =
            scsi::cdb::streaming_performance_descriptor({.wrc = chosen->pure_cav ? std::uint8_t{2} : std::uint8_t{0},
                                                         .end_lba = chosen->end_lba,
                                                         .read_size_kb = kbps,
                                                         .read_time_ms = 1000,
                                                         .write_size_kb = kbps,
                                                         .write_time_ms = 1000});
        const auto c = scsi::cdb::set_streaming(static_cast<std::uint16_t>(d.size()));
        if (auto r = ex.run(c, DiscRecorderEx::Transfer{DataDirection::ToDevice, {}, d}); !r)
            return std::unexpected(r.error());
    }
    const bool speed_adjusted = sectors_per_second >= 0 &&
                                chosen->sectors_per_second != static_cast<std::uint32_t>(sectors_per_second) &&
                                to_kbps(static_cast<std::uint32_t>(sectors_per_second), profile) != kbps;
    const bool rotation_adjusted = chosen->pure_cav != rotation_pure_cav;
    if (speed_adjusted && rotation_adjusted) return hr::s_both_adjusted;
    if (speed_adjusted) return hr::s_speed_adjusted;
    if (rotation_adjusted) return hr::s_rotation_adjusted;
    return hr::s_ok;
}

Result<std::uint32_t> read_current_write_speed(DiscRecorderEx& ex, std::uint16_t profile) {
    // GET PERFORMANCE type 00h, Write, tolerance 10b: one nominal performance descriptor.
    const auto c =
        scsi::cdb::get_performance(scsi::cdb::performance_type::performance, 1, scsi::cdb::performance_data_type(true));
    std::array<std::uint8_t, 24> a{};
    auto n = ex.run(c, DiscRecorderEx::Transfer{DataDirection::FromDevice, a, {}});
    if (!n) return std::unexpected(n.error());
    if (*n < 24) return 0u; // no descriptor: no write speed for this medium
    return to_sectors(get_be32(a, 8 + 12), profile);
}

// DataWriter's speed properties: on the medium the writer holds a probe of, or a new probe's.

Result<std::vector<WriteSpeedDescriptor>> DataWriter::supported_write_speed_descriptors() {
    auto medium = probe_unless_current();
    if (!medium) return std::unexpected(medium.error());
    auto speeds = read_write_speeds(recorder_->ex(), medium->profile);
    if (speeds) keep_probe_current();
    return speeds;
}

Result<std::vector<std::uint32_t>> DataWriter::supported_write_speeds() {
    auto d = supported_write_speed_descriptors();
    if (!d) return std::unexpected(d.error());
    std::vector<std::uint32_t> out;
    for (const auto& s : *d) out.push_back(s.sectors_per_second);
    return out;
}

Result<HResult> DataWriter::set_write_speed(std::int32_t sectors_per_second, bool rotation_pure_cav) {
    auto medium = probe_unless_current();
    if (!medium) return std::unexpected(medium.error());
    auto& ex = recorder_->ex();
    auto speeds = read_write_speeds(ex, medium->profile);
    if (!speeds) return std::unexpected(speeds.error());
    if (!speeds->empty()) {
        settings_.requested_speed = sectors_per_second;
        settings_.requested_rotation_pure_cav = rotation_pure_cav;
    }
    auto adjusted = send_write_speed(ex, medium->profile, *speeds, sectors_per_second, rotation_pure_cav);
    if (adjusted) keep_probe_current();
    return adjusted;
}

Result<std::uint32_t> DataWriter::current_write_speed() {
    auto medium = probe_unless_current();
    if (!medium) return std::unexpected(medium.error());
    auto speed = read_current_write_speed(recorder_->ex(), medium->profile);
    if (speed) keep_probe_current();
    return speed;
}

} // namespace spindle::recorder

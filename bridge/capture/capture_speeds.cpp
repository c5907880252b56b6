// The loaded medium's speeds: write speeds from GET PERFORMANCE type 03h; read speeds by
// asking for ever lower ones (SET CD SPEED, or SET STREAMING above 65534 kB/s) and reading
// back the nominal performance (GET PERFORMANCE type 00h) the drive runs at; and whether the
// drive keeps writing at its fastest whatever it is asked (the ignores_write_speed quirk).
#include "bridge/capture/capture_commands.hpp"
#include "bridge/capture/profile_capture.hpp"

#include "emulator/profile/profile_names.hpp"
#include "scsi/mmc_profiles.hpp"

#include <fmt/format.h>

namespace spindle::recorder::capture {

namespace {

constexpr std::uint8_t type_nominal = 0x00;
constexpr std::uint8_t type_write_speed = 0x03;
// GET PERFORMANCE Data Type for type 00h: Tolerance 10b (bits 4-3), Write (bit 2), Except 00b.
constexpr std::uint8_t nominal_read = 0x10;
constexpr std::uint8_t nominal_write = 0x14;
constexpr std::uint16_t cd_speed_fastest = 0xFFFF;
constexpr std::size_t max_read_speeds = 32;

Result<std::uint32_t> nominal(DiscRecorderEx& ex, bool write) {
    auto data = get_performance(ex, type_nominal, write ? nominal_write : nominal_read);
    if (!data) return std::unexpected(data.error());
    return parse_nominal_speed(*data);
}

// Asks for `read_kbps` / `write_kbps` (0: the fastest).
Result<void> request(DiscRecorderEx& ex, std::uint32_t read_kbps, std::uint32_t write_kbps) {
    if (read_kbps < cd_speed_fastest && write_kbps < cd_speed_fastest)
        return set_cd_speed(ex, read_kbps == 0 ? cd_speed_fastest : static_cast<std::uint16_t>(read_kbps),
                            write_kbps == 0 ? cd_speed_fastest : static_cast<std::uint16_t>(write_kbps));
    return set_streaming(ex, read_kbps, write_kbps);
}

void restore(DiscRecorderEx& ex) {
    if (!set_cd_speed(ex, cd_speed_fastest, cd_speed_fastest)) (void)set_streaming(ex, 0, 0, true);
}

// The fastest speed, then each request just below the last speed found (drives select the
// fastest speed not above a request, taking 1% of rounding): the speeds the drive steps
// through, until it stays put.
std::vector<std::uint32_t> step_down_reads(DiscRecorderEx& ex) {
    std::vector<std::uint32_t> speeds;
    auto top = nominal(ex, false);
    if (!top || *top == 0) return speeds;
    speeds.push_back(*top);
    while (speeds.size() < max_read_speeds) {
        const std::uint64_t below = (std::uint64_t{speeds.back()} * 100 - 1) / 101;
        if (below == 0 || !request(ex, static_cast<std::uint32_t>(below), 0)) break;
        auto got = nominal(ex, false);
        if (!got || *got == 0 || *got >= speeds.back()) break;
        speeds.push_back(*got);
    }
    return speeds;
}

} // namespace

Result<void> ProfileCapture::read_speeds(DiscRecorderEx& ex, std::uint16_t profile) {
    MediumSpeeds s;
    const auto name = profile_display_name(profile);
    if (auto data = get_performance(ex, type_write_speed, 0)) {
        s.write = parse_write_speeds(*data);
    } else {
        notes_.push_back(
            fmt::format("{}: GET PERFORMANCE type 03h failed ({}): no write speeds", name, data.error().name()));
    }
    const auto* info = scsi::find_mmc_profile(profile);
    if (info != nullptr && !info->writable && !s.write.empty()) {
        notes_.push_back(fmt::format("{}: write speeds reported for a read-only medium; left out", name));
        s.write.clear();
    }

    restore(ex);
    s.read = step_down_reads(ex);
    if (s.read.empty()) notes_.push_back(fmt::format("{}: no nominal read performance (GET PERFORMANCE 00h)", name));
    if (s.write.size() >= 2 && request(ex, 0, s.write.back())) {
        auto used = nominal(ex, true);
        if (used && *used == s.write.front() && s.write.back() != s.write.front()) {
            ignores_write_speed_ = true;
            notes_.push_back(fmt::format("{}: asked for {} kB/s, the drive kept writing at {} kB/s "
                                         "(quirks.ignores_write_speed)",
                                         name, s.write.back(), *used));
        }
    }
    restore(ex);
    speeds_[profile] = std::move(s);
    return {};
}

} // namespace spindle::recorder::capture

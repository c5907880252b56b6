#pragma once
// Which of a medium's speeds the drive runs at when a host asks for one (SET CD SPEED, SET
// STREAMING). Pure functions over kB/s values (1000 bytes/s, as MMC counts them), so the
// write-timing model can use the same rule the commands do.
#include <cstdint>
#include <optional>
#include <span>

namespace spindle::timing {

// A request of 0 means "as fast as the medium allows".
inline constexpr std::uint32_t fastest = 0;

// Hosts compute requests from nominal multiples (cdrecord: N x 176 for CD, growisofs: N x 1385
// for DVD) while drives list their own rounding (16x CD = 2822 here, 2816 from cdrecord), so a
// supported speed counts as "not above" a request when it is within 1% of it.
constexpr bool within_request(std::uint32_t supported_kbps, std::uint32_t requested_kbps) {
    return std::uint64_t{supported_kbps} * 100 <= std::uint64_t{requested_kbps} * 101;
}

// The speed the drive selects from `supported` (any order) for `requested_kbps`: the fastest
// supported speed not above the request, the slowest when the request is below them all, the
// fastest for a request of 0. nullopt when nothing is supported (the medium cannot be read or
// written at all).
std::optional<std::uint32_t> select_speed(std::span<const std::uint32_t> supported, std::uint32_t requested_kbps);

// Whether `requested_kbps` is one of `supported` (within the 1% rounding above): what SET
// STREAMING with the Exact bit demands.
bool is_supported_exactly(std::span<const std::uint32_t> supported, std::uint32_t requested_kbps);

// Speed from a SET STREAMING size/time pair: kB per `time_ms` milliseconds, in kB/s
// (saturating at the largest 32-bit value). time_ms must not be 0.
std::uint32_t kbps_from_size_and_time(std::uint32_t size_kb, std::uint32_t time_ms);

} // namespace spindle::timing

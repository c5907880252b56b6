#pragma once
// CD addresses as minutes/seconds/frames (MMC-6 4.2.3.5): LBA 0 is 00:02:00; negative LBAs
// (the lead-in) wrap as LBA + 450150.
#include <array>
#include <cstdint>

namespace spindle {

struct Msf {
    std::uint8_t m, s, f;
};

constexpr Msf lba_to_msf(std::int64_t lba) {
    const std::int64_t n = lba >= -150 ? lba + 150 : lba + 450150;
    return Msf{static_cast<std::uint8_t>(n / (60 * 75)), static_cast<std::uint8_t>((n / 75) % 60),
               static_cast<std::uint8_t>(n % 75)};
}
static_assert(lba_to_msf(-11634).m == 97 && lba_to_msf(-11634).s == 26 && lba_to_msf(-11634).f == 66);
static_assert(lba_to_msf(359849).m == 79 && lba_to_msf(359849).s == 59 && lba_to_msf(359849).f == 74);

// MSF 90:00:00 and beyond address the lead-in (negative LBAs).
constexpr std::int64_t msf_to_lba(std::uint8_t m, std::uint8_t s, std::uint8_t f) {
    const std::int64_t n = (std::int64_t{m} * 60 + s) * 75 + f;
    return m >= 90 ? n - 450150 : n - 150;
}
static_assert(msf_to_lba(97, 26, 66) == -11634 && msf_to_lba(0, 2, 0) == 0);

// The 4-byte address field form: 00h, M, S, F.
constexpr std::uint32_t msf_field(std::int64_t lba) {
    const Msf m = lba_to_msf(lba);
    return (std::uint32_t{m.m} << 16) | (std::uint32_t{m.s} << 8) | m.f;
}

} // namespace spindle

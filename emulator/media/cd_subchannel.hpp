#pragma once
// The sub-channels of a CD block as a drive returns them with READ CD (MMC-6 6.19): the Q
// sub-channel's position (mode 1) frame and the raw P-W form that interleaves it with the
// other seven channels. R-W carry nothing on discs without CD-Text or graphics in the program
// area, which is all spindle records.
#include <array>
#include <cstdint>
#include <span>

namespace spindle::cd {

inline constexpr std::size_t q_bytes = 12; // as recorded: 10 bytes of data and a CRC
inline constexpr std::size_t raw_pw_bytes = 96;
using QFrame = std::array<std::uint8_t, q_bytes>;

// Q mode 1 inside a track: CONTROL (the track's, READ TOC's) and ADR 1, track number and
// index, time relative to index 1 of the track (`relative` blocks, counting down in the
// pregap), zero, absolute time of `lba`; BCD throughout (Red Book / ECMA-130 22.3.3).
QFrame q_position(std::uint8_t control, std::uint8_t track, std::uint8_t index, std::uint32_t relative,
                  std::int32_t lba);

// CRC of Q: x^16 + x^12 + x^5 + 1 over bytes 0-9, recorded inverted, most significant byte
// first (ECMA-130 22.3.3.7).
std::uint16_t q_crc(std::span<const std::uint8_t> q10);

// 96 bytes, one per sub-channel symbol: bit 7 P, bit 6 Q, bits 5-0 R-W (zero). P is 1 in a
// pause (index 0), 0 in a track's program.
std::array<std::uint8_t, raw_pw_bytes> raw_pw(const QFrame& q, bool pause);

} // namespace spindle::cd

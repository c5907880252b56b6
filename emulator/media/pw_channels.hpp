#pragma once
// The 96 bytes of a CD block's P-W sub-channels in their two forms: one byte a symbol, bit 7 P
// down to bit 0 W, as a drive reads them raw (MMC-6 6.19, READ CD sub-channel 001b;
// media/cd_subchannel.hpp), and one channel after the other, 12 bytes each, P first, a
// channel's 96 bits most significant first (CloneCD's .sub; libmirage PW96_LINEAR).
#include <array>
#include <cstdint>
#include <span>

namespace spindle::cd {

inline constexpr std::size_t pw_bytes = 96, pw_channel_bytes = 12;

std::array<std::uint8_t, pw_bytes> pw_by_channel(std::span<const std::uint8_t, pw_bytes> by_symbol);
std::array<std::uint8_t, pw_bytes> pw_by_symbol(std::span<const std::uint8_t, pw_bytes> by_channel);

} // namespace spindle::cd

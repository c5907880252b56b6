#include "emulator/media/pw_channels.hpp"

namespace spindle::cd {

namespace {

constexpr std::size_t channels = 8; // P, Q, R ... W: bit 7 down to bit 0 of a symbol

// An 8x8 bit matrix, row 0 in the most significant byte and column 0 in each byte's bit 7,
// transposed in three swaps of ever larger blocks (Hacker's Delight, 2nd ed., 7-3). Eight
// symbols are such a matrix, and its transpose is a byte of each channel: a block's 96 bytes
// convert in twelve of them rather than bit by bit.
std::uint64_t transpose8(std::uint64_t x) {
    std::uint64_t t = (x ^ (x >> 7)) & 0x00AA00AA00AA00AAULL;
    x ^= t ^ (t << 7);
    t = (x ^ (x >> 14)) & 0x0000CCCC0000CCCCULL;
    x ^= t ^ (t << 14);
    t = (x ^ (x >> 28)) & 0x00000000F0F0F0F0ULL;
    x ^= t ^ (t << 28);
    return x;
}

} // namespace

std::array<std::uint8_t, pw_bytes> pw_by_channel(std::span<const std::uint8_t, pw_bytes> by_symbol) {
    std::array<std::uint8_t, pw_bytes> out{};
    for (std::size_t group = 0; group < pw_channel_bytes; ++group) {
        std::uint64_t x = 0;
        for (std::size_t r = 0; r < channels; ++r) x = x << 8 | by_symbol[group * channels + r];
        x = transpose8(x);
        for (std::size_t c = 0; c < channels; ++c)
            out[c * pw_channel_bytes + group] = static_cast<std::uint8_t>(x >> (8 * (channels - 1 - c)));
    }
    return out;
}

std::array<std::uint8_t, pw_bytes> pw_by_symbol(std::span<const std::uint8_t, pw_bytes> by_channel) {
    std::array<std::uint8_t, pw_bytes> out{};
    for (std::size_t group = 0; group < pw_channel_bytes; ++group) {
        std::uint64_t x = 0;
        for (std::size_t c = 0; c < channels; ++c) x = x << 8 | by_channel[c * pw_channel_bytes + group];
        x = transpose8(x);
        for (std::size_t r = 0; r < channels; ++r)
            out[group * channels + r] = static_cast<std::uint8_t>(x >> (8 * (channels - 1 - r)));
    }
    return out;
}

} // namespace spindle::cd

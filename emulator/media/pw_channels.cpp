#include "emulator/media/pw_channels.hpp"

namespace spindle::cd {

namespace {
constexpr std::size_t channels = 8; // P, Q, R ... W: bit 7 down to bit 0 of a symbol
}

std::array<std::uint8_t, pw_bytes> pw_by_channel(std::span<const std::uint8_t, pw_bytes> by_symbol) {
    std::array<std::uint8_t, pw_bytes> out{};
    for (std::size_t symbol = 0; symbol < pw_bytes; ++symbol)
        for (std::size_t c = 0; c < channels; ++c)
            if (((by_symbol[symbol] >> (7 - c)) & 1) != 0)
                out[c * pw_channel_bytes + symbol / 8] |= static_cast<std::uint8_t>(0x80 >> (symbol % 8));
    return out;
}

std::array<std::uint8_t, pw_bytes> pw_by_symbol(std::span<const std::uint8_t, pw_bytes> by_channel) {
    std::array<std::uint8_t, pw_bytes> out{};
    for (std::size_t symbol = 0; symbol < pw_bytes; ++symbol)
        for (std::size_t c = 0; c < channels; ++c)
            if (((by_channel[c * pw_channel_bytes + symbol / 8] >> (7 - symbol % 8)) & 1) != 0)
                out[symbol] |= static_cast<std::uint8_t>(0x80 >> c);
    return out;
}

} // namespace spindle::cd

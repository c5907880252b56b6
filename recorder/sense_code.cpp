#include "recorder/sense_code.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace spindle::recorder {

std::optional<SenseCode> parse_sense(std::span<const std::uint8_t> s) {
    if (s.empty()) return std::nullopt;
    const std::uint8_t response = s[0] & 0x7F;
    if (response == 0x70 || response == 0x71) { // fixed: SPC-4 table 26
        if (s.size() < 3) return std::nullopt;
        SenseCode c{static_cast<std::uint8_t>(s[2] & 0x0F), 0, 0};
        if (s.size() > 12) c.asc = s[12];
        if (s.size() > 13) c.ascq = s[13];
        return c;
    }
    if (response == 0x72 || response == 0x73) { // descriptor: SPC-4 table 12
        if (s.size() < 4) return std::nullopt;
        return SenseCode{static_cast<std::uint8_t>(s[1] & 0x0F), s[2], s[3]};
    }
    return std::nullopt;
}

std::optional<std::uint64_t> sense_information(std::span<const std::uint8_t> s) {
    if (s.empty()) return std::nullopt;
    const std::uint8_t response = s[0] & 0x7F;
    if (response == 0x70 || response == 0x71) { // SPC-4 table 26: VALID is byte 0 bit 7
        if (s.size() < 7 || (s[0] & 0x80) == 0) return std::nullopt;
        return std::uint64_t{s[3]} << 24 | std::uint64_t{s[4]} << 16 | std::uint64_t{s[5]} << 8 | s[6];
    }
    if ((response != 0x72 && response != 0x73) || s.size() < 8) return std::nullopt;
    // SPC-4 4.5.2.2: descriptors from byte 8; information descriptor type 00h, 12 bytes, VALID in byte 2.
    const std::size_t end = std::min<std::size_t>(s.size(), std::size_t{8} + s[7]);
    for (std::size_t at = 8; at + 1 < end; at += std::size_t{2} + s[at + 1]) {
        if (s[at] != 0x00 || at + 12 > end || (s[at + 2] & 0x80) == 0) continue;
        std::uint64_t v = 0;
        for (std::size_t i = 4; i < 12; ++i) v = v << 8 | s[at + i];
        return v;
    }
    return std::nullopt;
}

std::string to_string(SenseCode c) { return fmt::format("{:X}/{:02X}/{:02X}", c.key, c.asc, c.ascq); }

void to_fixed_sense(std::span<const std::uint8_t> sense, std::span<std::uint8_t, 18> out) {
    std::ranges::fill(out, std::uint8_t{0});
    if (sense.empty()) return;
    const std::uint8_t response = sense[0] & 0x7F;
    if (response == 0x70 || response == 0x71) {
        std::ranges::copy(sense.first(std::min<std::size_t>(sense.size(), out.size())), out.begin());
        return;
    }
    if (auto c = parse_sense(sense)) {
        out[0] = response == 0x73 ? 0x71 : 0x70;
        out[2] = c->key;
        out[7] = 10; // additional sense length of an 18-byte answer
        out[12] = c->asc;
        out[13] = c->ascq;
    }
}

} // namespace spindle::recorder

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

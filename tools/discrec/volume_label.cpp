#include "volume_label.hpp"

#include <algorithm>
#include <array>
#include <cstring>

namespace spindle::discrec {

std::optional<std::string> iso9660_volume_label(recorder::DiscRecorderEx& ex, std::uint32_t session_start) {
    std::array<std::uint8_t, 2048> block{};
    if (!ex.read_blocks(session_start + 16, block)) return std::nullopt;
    // Type 1 (primary), "CD001", version 1; the identifier is bytes 40-71, padded with spaces.
    if (block[0] != 1 || std::memcmp(block.data() + 1, "CD001", 5) != 0 || block[6] != 1) return std::nullopt;
    std::string label(reinterpret_cast<const char*>(block.data() + 40), 32);
    label.erase(std::find_if(label.rbegin(), label.rend(), [](char c) { return c != ' ' && c != '\0'; }).base(),
                label.end());
    return label;
}

} // namespace spindle::discrec

#include "emulator/media/cd_text.hpp"

#include "emulator/media/cd_subchannel.hpp"

#include <algorithm>

namespace spindle::cd {

namespace {

constexpr std::uint8_t first_type = 0x80, last_type = 0x8F;
constexpr std::size_t symbols_per_pack = 24;

} // namespace

// The same CRC as the Q sub-channel's, over 16 bytes instead of 10.
std::uint16_t text_pack_crc(std::span<const std::uint8_t> bytes16) { return q_crc(bytes16); }

bool text_pack_crc_ok(const TextPack& pack) {
    const std::uint16_t crc = text_pack_crc(std::span<const std::uint8_t>(pack).first(16));
    return pack[16] == (crc >> 8) && pack[17] == (crc & 0xFF);
}

std::array<TextPack, 4> packs_of_rw_block(std::span<const std::uint8_t, rw_block_bytes> rw) {
    std::array<TextPack, 4> out{};
    for (std::size_t p = 0; p < 4; ++p) {
        // 4 symbols (24 bits) make 3 bytes.
        for (std::size_t g = 0; g < symbols_per_pack / 4; ++g) {
            const std::uint8_t* s = rw.data() + p * symbols_per_pack + g * 4;
            const std::uint32_t bits = std::uint32_t{s[0] & 0x3Fu} << 18 | std::uint32_t{s[1] & 0x3Fu} << 12 |
                                       std::uint32_t{s[2] & 0x3Fu} << 6 | (s[3] & 0x3Fu);
            out[p][g * 3] = static_cast<std::uint8_t>(bits >> 16);
            out[p][g * 3 + 1] = static_cast<std::uint8_t>(bits >> 8);
            out[p][g * 3 + 2] = static_cast<std::uint8_t>(bits);
        }
    }
    return out;
}

std::array<std::uint8_t, rw_block_bytes> rw_block_of_packs(std::span<const TextPack, 4> packs) {
    std::array<std::uint8_t, rw_block_bytes> out{};
    for (std::size_t p = 0; p < 4; ++p) {
        for (std::size_t g = 0; g < symbols_per_pack / 4; ++g) {
            const std::uint32_t bits =
                std::uint32_t{packs[p][g * 3]} << 16 | std::uint32_t{packs[p][g * 3 + 1]} << 8 | packs[p][g * 3 + 2];
            std::uint8_t* s = out.data() + p * symbols_per_pack + g * 4;
            s[0] = static_cast<std::uint8_t>(bits >> 18 & 0x3F);
            s[1] = static_cast<std::uint8_t>(bits >> 12 & 0x3F);
            s[2] = static_cast<std::uint8_t>(bits >> 6 & 0x3F);
            s[3] = static_cast<std::uint8_t>(bits & 0x3F);
        }
    }
    return out;
}

namespace {
// A CD-Text pack: a type of 80h-8Fh and a good CRC.
bool text_pack_ok(const TextPack& pack) {
    return pack[0] >= first_type && pack[0] <= last_type && text_pack_crc_ok(pack);
}
} // namespace

bool TextCollector::add(const TextPack& pack) {
    if (!text_pack_ok(pack)) return false;
    const std::size_t block = pack[3] >> 4 & 0x07;
    const std::size_t slot = block * text_packs_per_block + pack[2];
    if (present_[slot]) return false; // the cycle repeats: the first copy is the pack
    present_[slot] = true;
    slots_[slot] = pack;
    ++count_;
    return true;
}

std::vector<std::uint8_t> TextCollector::packs() const {
    std::vector<std::uint8_t> out;
    out.reserve(count_ * text_pack_bytes);
    for (std::size_t i = 0; i < slots_.size(); ++i)
        if (present_[i]) out.insert(out.end(), slots_[i].begin(), slots_[i].end());
    return out;
}

bool valid_text_packs(std::span<const std::uint8_t> packs) {
    if (packs.size() % text_pack_bytes != 0 || packs.size() > text_blocks * text_packs_per_block * text_pack_bytes)
        return false;
    for (std::size_t at = 0; at < packs.size(); at += text_pack_bytes) {
        TextPack p{};
        std::copy_n(packs.begin() + static_cast<std::ptrdiff_t>(at), text_pack_bytes, p.begin());
        if (!text_pack_ok(p)) return false;
    }
    return true;
}

} // namespace spindle::cd

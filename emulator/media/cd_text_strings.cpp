#include "emulator/media/cd_text_strings.hpp"

#include "emulator/media/cd_text.hpp"

#include <algorithm>

namespace spindle::cd {

namespace {

constexpr std::uint8_t size_info_type = 0x8F;
constexpr std::size_t payload_bytes = 12, size_info_packs = 3;
constexpr std::uint8_t iso_8859_1 = 0x00, english = 0x09;
constexpr std::uint8_t max_character_position = 15;

void seal(TextPack& p) {
    const auto crc = text_pack_crc(std::span<const std::uint8_t>(p).first(16));
    p[16] = static_cast<std::uint8_t>(crc >> 8);
    p[17] = static_cast<std::uint8_t>(crc);
}

} // namespace

bool TextStrings::empty() const {
    return std::all_of(strings.begin(), strings.end(), [](const auto& type) {
        return std::all_of(type.begin(), type.end(), [](const std::string& s) { return s.empty(); });
    });
}

std::optional<std::vector<std::uint8_t>> encode_text(const TextStrings& text) {
    if (text.empty()) return std::vector<std::uint8_t>{};
    std::vector<TextPack> packs;
    std::array<std::uint8_t, 16> counts{};
    const auto tracks = static_cast<std::size_t>(text.last_track) + 1; // track 0 is the disc
    for (std::size_t type = 0; type < text_types; ++type) {
        const auto& strings = text.strings[type];
        if (std::all_of(strings.begin(), strings.end(), [](const std::string& s) { return s.empty(); })) continue;
        // Every track's string, in track order, each with its NUL: (track, character) pairs.
        std::vector<std::pair<std::uint8_t, char>> stream;
        for (std::size_t track = 0; track < tracks; ++track) {
            if (track != 0 && track < text.first_track) continue;
            const std::string s = track < strings.size() ? strings[track] : std::string();
            for (const char c : s) stream.emplace_back(static_cast<std::uint8_t>(track), c);
            stream.emplace_back(static_cast<std::uint8_t>(track), '\0');
        }
        for (std::size_t at = 0; at < stream.size(); at += payload_bytes) {
            TextPack p{};
            p[0] = static_cast<std::uint8_t>(first_text_type + type);
            p[1] = stream[at].first;
            std::size_t before = 0; // characters of this track's string in earlier packs
            while (before < at && stream[at - before - 1].first == stream[at].first) ++before;
            p[3] = static_cast<std::uint8_t>(std::min<std::size_t>(before, max_character_position));
            for (std::size_t i = 0; i < payload_bytes && at + i < stream.size(); ++i)
                p[4 + i] = static_cast<std::uint8_t>(stream[at + i].second);
            packs.push_back(p);
            ++counts[type];
        }
    }
    if (packs.size() + size_info_packs > text_packs_per_block) return std::nullopt;
    counts[size_info_type - first_text_type] = size_info_packs;
    std::array<std::uint8_t, size_info_packs * payload_bytes> info{};
    info[0] = iso_8859_1;
    info[1] = text.first_track;
    info[2] = text.last_track;
    std::copy(counts.begin(), counts.end(), info.begin() + 4);
    info[20] = static_cast<std::uint8_t>(packs.size() + size_info_packs - 1); // block 0's last sequence number
    info[28] = english;
    for (std::size_t i = 0; i < size_info_packs; ++i) {
        TextPack p{};
        p[0] = size_info_type;
        p[1] = static_cast<std::uint8_t>(i);
        std::copy_n(info.begin() + static_cast<std::ptrdiff_t>(i * payload_bytes), payload_bytes, p.begin() + 4);
        packs.push_back(p);
    }
    std::vector<std::uint8_t> out;
    for (std::size_t seq = 0; seq < packs.size(); ++seq) {
        packs[seq][2] = static_cast<std::uint8_t>(seq);
        seal(packs[seq]);
        out.insert(out.end(), packs[seq].begin(), packs[seq].end());
    }
    return out;
}

TextStrings decode_text(std::span<const std::uint8_t> packs) {
    TextStrings text;
    std::array<std::vector<std::pair<std::uint8_t, std::string>>, text_types> runs{}; // (first track, bytes)
    for (std::size_t at = 0; at + text_pack_bytes <= packs.size(); at += text_pack_bytes) {
        const auto pack = packs.subspan(at, text_pack_bytes);
        const std::uint8_t type = pack[0], block = (pack[3] >> 4) & 0x7;
        if (block != 0) continue;
        if (type == size_info_type && pack[1] == 0) {
            text.first_track = pack[5];
            text.last_track = pack[6];
        }
        if (type < first_text_type || type > last_text_type) continue;
        auto& run = runs[type - first_text_type];
        if (run.empty()) run.emplace_back(pack[1], std::string());
        run.back().second.append(pack.begin() + 4, pack.begin() + 16);
    }
    for (std::size_t type = 0; type < text_types; ++type) {
        if (runs[type].empty()) continue;
        auto& strings = text.strings[type];
        strings.assign(static_cast<std::size_t>(text.last_track) + 1, std::string());
        std::size_t track = runs[type].front().first;
        std::string current;
        for (const char c : runs[type].front().second) {
            if (c != '\0') {
                current += c;
                continue;
            }
            if (track < strings.size()) strings[track] = current;
            current.clear();
            track = track == 0 ? std::max<std::size_t>(text.first_track, 1) : track + 1;
        }
    }
    return text;
}

} // namespace spindle::cd

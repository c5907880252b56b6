#pragma once
// Writes an Alcohol 120% .mds descriptor (and the .mdf bytes it describes) byte by byte from a
// list of tracks, as the layout in emulator/images/mds_image.hpp describes it: the header, the
// session blocks, per session the A0/A1/A2 blocks and one block per track, the extra blocks,
// one footer and the file name. Header-only: the unit tests and the fuzz seeds use it.
#include <cstdint>
#include <string>
#include <vector>

namespace mds_build {

struct Track {
    std::uint8_t mode = 0xAA;    // Alcohol's mode: A9 audio, AA Mode 1, AB Mode 2, AC Form 1 ...
    std::uint16_t sector = 2048; // bytes a sector, as stored (96 more with sub-channel)
    bool subchannel = false;     // 96 bytes of interleaved P-W after each sector
    std::uint32_t start = 0;     // LBA of INDEX 01
    std::uint32_t pregap = 0;    // not stored
    std::uint32_t blocks = 1;
    std::uint8_t adr_ctl = 0x14; // CONTROL in the low nibble
};

struct Image {
    std::vector<std::vector<Track>> sessions;
    std::string mdf_name = "*.mdf";
    bool wide_name = false;
    std::uint16_t medium = 0x00;
    std::uint8_t version = 1;
};

inline void put(std::vector<std::uint8_t>& v, std::size_t at, std::uint64_t value, int width) {
    for (int i = 0; i < width; ++i) v[at + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(value >> (8 * i));
}

// The .mdf: each track's blocks in order, a pattern from its start. `offsets` gets each track's first byte.
inline std::vector<std::uint8_t> mdf(const Image& image, std::vector<std::uint64_t>* offsets = nullptr) {
    std::vector<std::uint8_t> out;
    for (const auto& session : image.sessions)
        for (const auto& t : session) {
            if (offsets != nullptr) offsets->push_back(out.size());
            const std::size_t n = std::size_t{t.blocks} * t.sector;
            for (std::size_t i = 0; i < n; ++i)
                out.push_back(static_cast<std::uint8_t>((i * 3 + t.start + i / 997) & 0xFF));
        }
    return out;
}

inline std::vector<std::uint8_t> mds(const Image& image) {
    std::size_t tracks = 0;
    for (const auto& s : image.sessions) tracks += s.size();
    const std::size_t sessions_at = 88, blocks_at = sessions_at + 24 * image.sessions.size();
    const std::size_t block_count = tracks + 3 * image.sessions.size();
    const std::size_t extras_at = blocks_at + 80 * block_count, footer_at = extras_at + 8 * tracks;
    const std::size_t name_at = footer_at + 16;
    std::vector<std::uint8_t> out(name_at);
    const std::string signature = "MEDIA DESCRIPTOR";
    std::copy(signature.begin(), signature.end(), out.begin());
    out[16] = image.version;
    out[17] = 5;
    put(out, 18, image.medium, 2);
    put(out, 20, image.sessions.size(), 2);
    put(out, 80, sessions_at, 4);
    std::size_t block = blocks_at, extra = extras_at;
    std::uint64_t offset = 0;
    unsigned number = 1;
    for (std::size_t s = 0; s < image.sessions.size(); ++s) {
        const auto& session = image.sessions[s];
        const std::size_t at = sessions_at + 24 * s;
        put(out, at, static_cast<std::uint32_t>(static_cast<std::int32_t>(session.front().start) - 150), 4);
        put(out, at + 4, session.back().start + session.back().blocks, 4);
        put(out, at + 8, s + 1, 2);
        out[at + 10] = static_cast<std::uint8_t>(session.size() + 3);
        out[at + 11] = 3;
        put(out, at + 12, number, 2);
        put(out, at + 14, number + session.size() - 1, 2);
        put(out, at + 20, block, 4);
        for (const int point : {0xA0, 0xA1, 0xA2}) { // the TOC's own entries
            out[block + 2] = 0x14;
            out[block + 4] = static_cast<std::uint8_t>(point);
            block += 80;
        }
        for (const auto& t : session) {
            out[block] = t.mode;
            out[block + 1] = t.subchannel ? 0x08 : 0x00;
            out[block + 2] = t.adr_ctl;
            out[block + 4] = static_cast<std::uint8_t>(number++);
            put(out, block + 12, extra, 4);
            put(out, block + 16, t.sector, 2);
            put(out, block + 36, t.start, 4);
            put(out, block + 40, offset, 8);
            put(out, block + 48, 1, 4);
            put(out, block + 52, footer_at, 4);
            put(out, extra, t.pregap, 4);
            put(out, extra + 4, t.blocks, 4);
            offset += std::uint64_t{t.blocks} * t.sector;
            block += 80;
            extra += 8;
        }
    }
    put(out, footer_at, name_at, 4);
    put(out, footer_at + 4, image.wide_name ? 1 : 0, 4);
    for (const char c : image.mdf_name) {
        out.push_back(static_cast<std::uint8_t>(c));
        if (image.wide_name) out.push_back(0);
    }
    out.insert(out.end(), image.wide_name ? 2 : 1, 0);
    return out;
}

} // namespace mds_build

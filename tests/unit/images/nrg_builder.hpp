#pragma once
// Writes a Nero NRG image byte by byte from a list of tracks, as the layout in
// emulator/images/nrg_image.hpp describes it: the sector data, then per session CUEX/CUES and
// DAOX/DAOI (Disc At Once) or ETN2/ETNF (Track At Once) and SINF, then CDTX, MTYP, END! and the
// NER5 or NERO footer. Header-only: the unit tests and the fuzz seeds use it.
#include <cstdint>
#include <string>
#include <vector>

namespace nrg_build {

struct Track {
    std::uint8_t mode = 0x00;    // Nero's mode code
    std::uint32_t sector = 2048; // bytes a sector, as stored
    std::int64_t start = 0;      // LBA of INDEX 01
    std::uint32_t pregap = 0;    // Disc At Once: blocks of pregap stored before INDEX 01
    std::uint32_t blocks = 1;    // from INDEX 01
    std::uint8_t adr_ctl = 0x41; // CONTROL in the high nibble
    std::string isrc{};
    std::vector<std::uint8_t> data{}; // (pregap + blocks) * sector bytes; empty: a pattern
};

struct Session {
    bool dao = true;
    std::vector<Track> tracks;
};

struct Image {
    bool v2 = true;
    std::vector<Session> sessions;
    std::string mcn{};
    std::vector<std::uint8_t> cd_text{};
    bool sinf = true;
    std::uint32_t mtyp = 0x1;
};

inline void put(std::vector<std::uint8_t>& v, std::uint64_t value, int width) {
    for (int i = width - 1; i >= 0; --i) v.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}
inline std::uint8_t bcd(unsigned n) { return static_cast<std::uint8_t>((n / 10) << 4 | (n % 10)); }

// The bytes a track stores: its own, or a pattern from its mode and start.
inline std::vector<std::uint8_t> stored(const Track& t) {
    if (!t.data.empty()) return t.data;
    std::vector<std::uint8_t> v(std::size_t{t.pregap + t.blocks} * t.sector);
    for (std::size_t i = 0; i < v.size(); ++i)
        v[i] = static_cast<std::uint8_t>((i * 7 + static_cast<std::size_t>(t.start) * 3 + t.mode + i / 509) & 0xFF);
    return v;
}

inline void chunk(std::vector<std::uint8_t>& out, const char* id, const std::vector<std::uint8_t>& payload) {
    out.insert(out.end(), id, id + 4);
    put(out, payload.size(), 4);
    out.insert(out.end(), payload.begin(), payload.end());
}

inline void cue_entry(std::vector<std::uint8_t>& cue, bool v2, std::uint8_t adr_ctl, std::uint8_t track,
                      std::uint8_t index, std::int64_t lba) {
    cue.push_back(adr_ctl);
    cue.push_back(track);
    cue.push_back(index);
    cue.push_back(0);
    if (v2) {
        put(cue, static_cast<std::uint32_t>(static_cast<std::int32_t>(lba)), 4);
    } else {
        const auto abs = static_cast<unsigned>(lba + 150);
        cue.push_back(0);
        cue.push_back(bcd(abs / 75 / 60));
        cue.push_back(bcd(abs / 75 % 60));
        cue.push_back(bcd(abs % 75));
    }
}

// The image's bytes; `offsets` (if given) gets each track's first stored byte.
inline std::vector<std::uint8_t> bytes(const Image& image, std::vector<std::uint64_t>* offsets = nullptr) {
    std::vector<std::uint8_t> out;
    std::vector<std::vector<std::uint64_t>> at; // per session, per track
    for (const auto& s : image.sessions) {
        at.emplace_back();
        for (const auto& t : s.tracks) {
            at.back().push_back(out.size());
            if (offsets != nullptr) offsets->push_back(out.size());
            const auto data = stored(t);
            out.insert(out.end(), data.begin(), data.end());
        }
    }
    const std::uint64_t chunks = out.size();
    const int wide = image.v2 ? 8 : 4;
    unsigned number = 1;
    for (std::size_t s = 0; s < image.sessions.size(); ++s) {
        const auto& session = image.sessions[s];
        if (session.dao) {
            std::vector<std::uint8_t> cue, dao;
            const auto& first = session.tracks.front();
            cue_entry(cue, image.v2, first.adr_ctl, 0, 0, first.start - 150 - first.pregap);
            put(dao, 0, 4);
            std::string mcn = image.mcn;
            mcn.resize(14, '\0');
            dao.insert(dao.end(), mcn.begin(), mcn.end());
            put(dao, 0, 2);
            dao.push_back(static_cast<std::uint8_t>(number));
            dao.push_back(static_cast<std::uint8_t>(number + session.tracks.size() - 1));
            for (std::size_t k = 0; k < session.tracks.size(); ++k) {
                const auto& t = session.tracks[k];
                const auto n = static_cast<std::uint8_t>(number + k);
                cue_entry(cue, image.v2, t.adr_ctl, bcd(n), 0, t.start - (t.pregap != 0 ? t.pregap : k == 0 ? 150 : 0));
                cue_entry(cue, image.v2, t.adr_ctl, bcd(n), 1, t.start);
                std::string isrc = t.isrc;
                isrc.resize(12, '\0');
                dao.insert(dao.end(), isrc.begin(), isrc.end());
                put(dao, t.sector, 2);
                dao.push_back(t.mode);
                dao.push_back(0);
                put(dao, 0, 2);
                const std::uint64_t index0 = at[s][k], index1 = index0 + std::uint64_t{t.pregap} * t.sector;
                put(dao, index0, wide);
                put(dao, index1, wide);
                put(dao, index1 + std::uint64_t{t.blocks} * t.sector, wide);
            }
            const auto& last = session.tracks.back();
            cue_entry(cue, image.v2, last.adr_ctl, 0xAA, 1, last.start + last.blocks);
            dao[0] = static_cast<std::uint8_t>(dao.size() >> 24), dao[1] = static_cast<std::uint8_t>(dao.size() >> 16);
            dao[2] = static_cast<std::uint8_t>(dao.size() >> 8), dao[3] = static_cast<std::uint8_t>(dao.size());
            chunk(out, image.v2 ? "CUEX" : "CUES", cue);
            chunk(out, image.v2 ? "DAOX" : "DAOI", dao);
        } else {
            std::vector<std::uint8_t> etn;
            for (std::size_t k = 0; k < session.tracks.size(); ++k) {
                const auto& t = session.tracks[k];
                put(etn, at[s][k], wide);
                put(etn, std::uint64_t{t.blocks} * t.sector, wide);
                put(etn, t.mode, 4);
                put(etn, static_cast<std::uint64_t>(t.start), 4);
                put(etn, 0, 4);
                if (image.v2) put(etn, t.blocks, 4);
            }
            chunk(out, image.v2 ? "ETN2" : "ETNF", etn);
        }
        if (image.sinf) {
            std::vector<std::uint8_t> sinf;
            put(sinf, session.tracks.size(), 4);
            chunk(out, "SINF", sinf);
        }
        number += static_cast<unsigned>(session.tracks.size());
    }
    if (!image.cd_text.empty()) chunk(out, "CDTX", image.cd_text);
    std::vector<std::uint8_t> mtyp;
    put(mtyp, image.mtyp, 4);
    chunk(out, "MTYP", mtyp);
    chunk(out, "END!", {});
    out.insert(out.end(), image.v2 ? "NER5" : "NERO", (image.v2 ? "NER5" : "NERO") + 4);
    put(out, chunks, wide);
    return out;
}

} // namespace nrg_build

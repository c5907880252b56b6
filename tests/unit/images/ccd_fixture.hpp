#pragma once
// CloneCD images the tests build (images/ccd_image.hpp): sectors made as a disc holds them
// (media/cd_sector.hpp), P-W sub-channels with R-W of a seed, and the descriptor's entries.
#include "emulator/media/cd_sector.hpp"
#include "emulator/media/cd_text_strings.hpp"
#include "emulator/media/msf.hpp"
#include "images/image_fixture.hpp"
#include "persistence/persistence_fixture.hpp"

#include <fmt/format.h>

#include <fstream>
#include <string>
#include <vector>

namespace spindle::test::ccd_fixture {

inline std::uint8_t mix(std::uint32_t seed, std::size_t i) {
    return static_cast<std::uint8_t>((i * 7 + seed * 131 + i / 509) & 0xFF);
}

enum class Kind : std::uint8_t { Audio, Mode1, Xa, Mode2Pause, Silence };

// `count` whole sectors from `lba`: audio of a seed, Mode 1 or XA Form 1 sectors with user data of
// a seed, a formless Mode 2 sector of zeros (a data pause), or silence.
inline Bytes sectors(Kind kind, std::uint32_t lba, std::uint32_t count, std::uint32_t seed) {
    Bytes out;
    cd::RawSector s{};
    for (std::uint32_t b = 0; b < count; ++b) {
        Bytes user(cd::raw_sector_bytes);
        for (std::size_t i = 0; i < user.size(); ++i) user[i] = mix(seed + lba + b, i);
        const auto at = static_cast<std::int32_t>(lba + b);
        switch (kind) {
        case Kind::Audio: std::copy_n(user.begin(), s.size(), s.begin()); break;
        case Kind::Mode1: cd::encode_mode1(at, std::span(user).first(cd::user_bytes), s); break;
        case Kind::Xa: cd::encode_xa(at, cd::Subheader{0, 0, 0x08, 0}, std::span(user).first(cd::user_bytes), s); break;
        case Kind::Mode2Pause: cd::encode_mode2_formless(at, Bytes(cd::mode2_bytes, 0), s); break;
        case Kind::Silence: s.fill(0); break;
        }
        out.insert(out.end(), s.begin(), s.end());
    }
    return out;
}

// `count` blocks of a .sub: P and Q of a seed (a loader takes them from the layout), R-W of a
// seed, or zero when `rw_seed` is 0.
inline Bytes sub_blocks(std::uint32_t count, std::uint32_t rw_seed) {
    Bytes out(std::size_t{count} * 96);
    for (std::size_t i = 0; i < out.size(); ++i) {
        const bool rw = i % 96 >= 24;
        out[i] = rw ? (rw_seed == 0 ? 0 : mix(rw_seed, i)) : mix(99, i);
    }
    return out;
}

inline void append(Bytes& to, const Bytes& b) { to.insert(to.end(), b.begin(), b.end()); }

// An [Entry]: `p` an address (LBA), or for A0/A1 PMin, PSec, PFrame as given.
inline std::string entry(int index, int session, int point, int control, Msf p) {
    return fmt::format("[Entry {}]\nSession={}\nPoint={:#04x}\nADR=0x01\nControl={:#04x}\nTrackNo=0\nAMin=0\nASec=0\n"
                       "AFrame=0\nALBA=-150\nZero=0\nPMin={}\nPSec={}\nPFrame={}\nPLBA={}\n",
                       index, session, point, control, p.m, p.s, p.f, msf_to_lba(p.m, p.s, p.f));
}
inline std::string entry_at(int index, int session, int point, int control, std::int64_t lba) {
    return entry(index, session, point, control, lba_to_msf(lba));
}

// One session: track 1 Mode 1 (LBA 0-99), a 150-block pause, track 2 audio (250-549, with an
// ISRC), track 3 audio (550-649) whose R-W hold something; the catalogue number and CD-Text.
struct SingleSession {
    Bytes img, sub;
    std::string ccd;
    std::vector<std::uint8_t> packs;
    SingleSession() {
        append(img, sectors(Kind::Mode1, 0, 100, 1));
        append(img, sectors(Kind::Silence, 100, 150, 0));
        append(img, sectors(Kind::Audio, 250, 300, 2));
        append(img, sectors(Kind::Audio, 550, 100, 3));
        append(sub, sub_blocks(550, 0));
        append(sub, sub_blocks(100, 7));
        cd::TextStrings text;
        text.last_track = 3;
        text.strings[0] = {"Album", "Data", "Song", "Other"};
        text.strings[1] = {"The Band", "", "", ""};
        packs = *cd::encode_text(text);
        std::string cd_text = fmt::format("[CDText]\nEntries={}\n", packs.size() / 18);
        for (std::size_t i = 0; i < packs.size() / 18; ++i)
            cd_text += fmt::format("Entry {}={:02x}\n", i, fmt::join(std::span(packs).subspan(i * 18, 16), " "));
        ccd = fmt::format("[CloneCD]\r\nVersion=3\n[Disc]\nTocEntries=6\nSessions=1\nDataTracksScrambled=0\n"
                          "CDTextLength={}\nCATALOG=0123456789012\n{}[Session 1]\nPreGapMode=1\nPreGapSubC=0\n",
                          packs.size(), cd_text);
        ccd += entry(0, 1, 0xA0, 4, Msf{1, 0, 0}) + entry(1, 1, 0xA1, 0, Msf{3, 0, 0}) + entry_at(2, 1, 0xA2, 0, 650) +
               entry_at(3, 1, 1, 4, 0) + entry_at(4, 1, 2, 0, 250) + entry_at(5, 1, 3, 2, 550);
        ccd += "[TRACK 1]\nMODE=1\nINDEX 1=0\n[TRACK 2]\nMODE=0\nINDEX 0=100\nINDEX 1=250\nISRC=USRC17607839\n"
               "[TRACK 3]\nMODE=0\nINDEX 1=550\n";
    }
    void write(const TempDir& dir, const std::string& name = "disc") const {
        std::ofstream(dir / (name + ".ccd"), std::ios::binary) << ccd;
        write_file(dir / (name + ".img"), img);
        write_file(dir / (name + ".sub"), sub);
    }
};

// Two sessions: track 1 audio (LBA 0-299), then after the lead-out, lead-in and the 150-block
// pregap the .img holds, track 2 CD-ROM XA Mode 2 (11700-11899).
struct TwoSessions {
    Bytes img, sub;
    std::string ccd;
    TwoSessions() {
        append(img, sectors(Kind::Audio, 0, 300, 4));
        append(img, sectors(Kind::Mode2Pause, 11550, 150, 0));
        append(img, sectors(Kind::Xa, 11700, 200, 5));
        append(sub, sub_blocks(650, 0));
        ccd = "[CloneCD]\nVersion=3\n[Disc]\nTocEntries=6\nSessions=2\nDataTracksScrambled=0\nCDTextLength=0\n"
              "[Session 1]\nPreGapMode=0\n[Session 2]\nPreGapMode=2\n";
        ccd += entry(0, 1, 0xA0, 0, Msf{1, 0, 0}) + entry(1, 1, 0xA1, 0, Msf{1, 0, 0}) + entry_at(2, 1, 0xA2, 0, 300) +
               entry_at(3, 1, 1, 0, 0) + entry(4, 2, 0xA0, 4, Msf{2, 0x20, 0}) + entry(5, 2, 0xA1, 4, Msf{2, 0, 0}) +
               entry_at(6, 2, 0xA2, 4, 11900) + entry_at(7, 2, 2, 4, 11700);
        ccd.replace(ccd.find("TocEntries=6"), 12, "TocEntries=8");
        ccd += "[TRACK 1]\nMODE=0\nINDEX 1=0\n[TRACK 2]\nMODE=2\nINDEX 0=0\nINDEX 1=150\n";
    }
    void write(const TempDir& dir, const std::string& name = "two") const {
        std::ofstream(dir / (name + ".ccd"), std::ios::binary) << ccd;
        write_file(dir / (name + ".img"), img);
        write_file(dir / (name + ".sub"), sub);
    }
};

} // namespace spindle::test::ccd_fixture

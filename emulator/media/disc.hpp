#pragma once
// The logical layout of a disc: sessions, tracks and their recording state. READ DISC
// INFORMATION, READ TRACK INFORMATION, READ TOC, READ CAPACITY, READ FORMAT CAPACITIES and
// the Current bits of GET CONFIGURATION are all computed from this one structure, so they
// always agree. Writing commands change it through the same fields: a WRITE grows
// `recorded` of the invisible/reserved track, CLOSE TRACK sets `closed`, CLOSE SESSION adds
// the next session's invisible track at next_session_start().
#include "emulator/media/media_type.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace spindle {

// READ DISC INFORMATION byte 2 (MMC-6 table 509/510).
enum class DiscStatus : std::uint8_t { Empty = 0, Incomplete = 1, Complete = 2, Other = 3 };
enum class SessionState : std::uint8_t { Empty = 0, Incomplete = 1, Damaged = 2, Complete = 3 };
// Background format status, READ DISC INFORMATION byte 7 bits 1-0 (DVD+RW, BD-RE, MRW).
enum class BackgroundFormat : std::uint8_t { None = 0, Incomplete = 1, Running = 2, Complete = 3 };
// The sectors of a CD data track (ECMA-130 14; media/cd_sector.hpp): Mode 1, formless Mode 2,
// or CD-ROM XA Mode 2, each of whose sectors is Form 1 or Form 2 (its subheader says which).
enum class DataSectors : std::uint8_t { Mode1 = 0, Mode2 = 1, Xa = 2 };
// Session Format (page 05h byte 8, MMC-6 table 649) and the disc type of the TOC's A0 point.
namespace cd_session_format {
inline constexpr std::uint8_t cd_rom = 0x00; // CD-DA or CD-ROM
inline constexpr std::uint8_t cd_i = 0x10;
inline constexpr std::uint8_t cd_rom_xa = 0x20;
} // namespace cd_session_format

// Index numbers go up to 99 (ECMA-130 22.3.3.3): a track has marks for index 2 to 99 at most.
inline constexpr std::size_t max_index_marks = 98;

struct Track {
    std::uint16_t number = 1;
    std::uint16_t session = 1;
    std::uint32_t start = 0;       // first LBA
    std::uint32_t size = 0;        // blocks allotted (for the invisible track: up to the end of the disc)
    std::uint32_t recorded = 0;    // blocks written from `start`; NWA = start + recorded
    bool invisible = false;        // the open last track of an appendable disc
    bool reserved = false;         // sized by RESERVE TRACK, not yet complete
    bool closed = false;           // CLOSE TRACK done, or written by DAO/ROM
    bool damaged = false;          // READ TRACK INFORMATION byte 5 bit 5
    bool incremental = false;      // byte 6 bit 5 (Packet/Inc): written by incremental/packet writing
    bool fixed_packet = false;     // byte 6 bit 4 (FP)
    std::uint32_t packet_size = 0; // bytes 20-23: fixed packet size (FP) or blocking factor
    // READ TRACK INFORMATION byte 5 bits 3-0, on CD the Q sub-channel's CONTROL (MMC-6 table
    // 532): bit 2 set for data (4: uninterrupted, 5: incremental), clear for CD-DA audio.
    std::uint8_t track_mode = 0x4;
    std::uint8_t data_mode = 0x1; // byte 6 bits 3-0: mode 1 (0xF: unknown, nothing written yet)
    // Blocks at the end of the track that the drive wrote as run-out when it closed a CD track
    // written Track At Once (2): part of the track (its size, READ CAPACITY), never readable.
    std::uint32_t run_out = 0;
    // CD data tracks: what their sectors are, and whether an XA track holds Form 2 sectors
    // (whose user data is not 2048 bytes: READ(10) looks at each block's subheader).
    DataSectors sectors = DataSectors::Mode1;
    bool form2 = false;
    // The first track of a CD session: the Session Format page 05h gave when it was written.
    std::uint8_t session_format = cd_session_format::cd_rom;
    // CD audio: the track's ISRC, 12 characters (country 2, owner 3, year 2, serial 5), as a
    // SAO cue sheet's ADR 3 entries give it (MMC-6 6.33); empty: none. Q mode 3 carries it
    // (media/cd_subchannel.hpp), READ SUB-CHANNEL format 03h reports it.
    std::string isrc{};
    // CD: the host sent the R-W sub-channels of the track's blocks (a SAO cue sheet's raw R-W
    // data form), kept as recorded (BlockStore::read_rw); otherwise they are zero.
    bool recorded_rw = false;
    // CD: the LBAs where index 2, 3, ... begin (Q's index number, ECMA-130 22.3.3.3), in
    // ascending order after `start` and inside the track; at most 98, empty for most tracks.
    std::vector<std::uint32_t> index_marks{};

    bool blank() const { return recorded == 0; }
    // A CD-DA track: 2352-byte blocks of audio, no user data (only CDs have them).
    bool audio() const { return (track_mode & 0x4) == 0; }
    bool mode2() const { return !audio() && sectors != DataSectors::Mode1; }
    // Kept as whole 2352-byte blocks (BlockStore::read_audio): CD-DA, and Mode 2 sectors.
    bool whole_sectors() const { return audio() || mode2(); }
    // Q's index number at `lba` in the track's program (from `start`): 1, or more past its marks.
    std::uint8_t index_at(std::uint32_t lba) const {
        const auto past = std::upper_bound(index_marks.begin(), index_marks.end(), lba) - index_marks.begin();
        return static_cast<std::uint8_t>(1 + past);
    }
    std::uint32_t end() const { return start + size; } // one past the last allotted block
    std::uint32_t next_writable() const { return start + recorded; }
    std::uint32_t readable_end() const { return start + recorded - std::min(run_out, recorded); }
    std::uint32_t free_blocks() const { return closed ? 0 : size - recorded; }
    // An open track accepts writes at next_writable(); a damaged one only when it was written
    // incrementally (MMC-6 table 531: Damage = 1 with NWA_V = 1).
    bool writable() const { return !closed && recorded < size && (!damaged || incremental); }
    friend bool operator==(const Track&, const Track&) = default;
};

// Every field of Track and Disc is kept in a disc's metadata file: a new one belongs in
// media/disc_json.cpp too (persistence/write_commands_test catches a forgotten one).
struct Disc {
    MediaKind kind = MediaKind::CdRom;
    std::uint32_t capacity_blocks = 0; // user-data blocks of the whole disc (formatted size once formatted)
    std::vector<Track> tracks;         // in number order; sessions are runs of equal `session`
    DiscStatus status = DiscStatus::Empty;
    SessionState last_session = SessionState::Empty;
    BackgroundFormat background_format = BackgroundFormat::None;
    bool formatted = false;     // rewritable media: a usable format exists (BD-R: spare areas allotted)
    bool quick_blanked = false; // DVD-RW after a minimal BLANK: only DAO can write it (libburn cookbook)
    std::uint64_t disc_id = 0;  // identifies this physical disc (media serial, DVD/BD disc ID)
    // CD-R/RW: ATIP start time of the lead-in as an LBA (negative: before LBA 0). 97:26:66,
    // a common value on 80-minute CD-R (cdrecord -atip outputs), is -11634.
    std::int32_t atip_lead_in_start = -11634;
    // DVD±R DL: the layer 0 data zone capacity a host set with SEND DISC STRUCTURE 20h (0: the
    // disc's own, half of it). It can be set until the first block is written.
    std::uint32_t layer0_capacity = 0;
    // CD: the media catalogue number, 13 digits, from a SAO cue sheet's ADR 2 entries; empty:
    // none. Q mode 2 carries it, READ SUB-CHANNEL format 02h reports it.
    std::string mcn{};
    // CD: the CD-Text packs of the first session's lead-in, 18 bytes each in READ TOC format
    // 5's order (media/cd_text.hpp); empty: no CD-Text.
    std::vector<std::uint8_t> cd_text{};

    const MediaType& type() const { return media_type(kind); }
    MediaFamily family() const { return type().family; }
    // Random-access media once formatted: every block up to capacity is readable and writable.
    bool random_access() const { return type().random_access && formatted; }
    std::uint16_t session_count() const { return tracks.empty() ? 0 : tracks.back().session; }
    // Sessions whose every track is closed (the last one is open while the disc is appendable).
    std::uint16_t complete_session_count() const;
    std::uint16_t first_track_in_session(std::uint16_t session) const;
    std::uint16_t last_track_in_session(std::uint16_t session) const;
    std::uint16_t last_track_number() const { return tracks.empty() ? 0 : tracks.back().number; }
    const Track* track(std::uint16_t number) const;
    Track* track(std::uint16_t number);
    const Track* track_containing(std::uint32_t lba) const;
    // CD: the audio track whose pause (index 0) holds `lba`, between it and a closed track
    // before it in its session, as Q counts down to its start there; none elsewhere.
    const Track* pause_before(std::uint32_t lba) const;
    // The open track at the end of a blank or appendable write-once disc (READ TRACK
    // INFORMATION track FFh), if any.
    const Track* invisible_track() const;
    // The last block that holds recorded data, if any (READ CAPACITY on recorded media).
    std::optional<std::uint32_t> last_recorded_lba() const;
    // Whether every block of [lba, lba + count) holds data a READ returns.
    bool readable(std::uint32_t lba, std::uint32_t count) const;
    // The last block of the last complete session plus one (the lead-out of READ TOC).
    std::uint32_t lead_out_start() const;
    friend bool operator==(const Disc&, const Disc&) = default;
};

// The open track a blank or appendable disc ends with (READ TRACK INFORMATION track FFh),
// reaching to the end of the disc: on DVD-R/-RW incremental with 16-block fixed packets.
Track make_invisible_track(const Disc& d, std::uint16_t number, std::uint16_t session, std::uint32_t start);
// Whether `kind` writes incrementally with fixed packets by default (DVD-R, DVD-R DL, DVD-RW).
bool incremental_kind(MediaKind kind);

// Blocks between the end of a just-closed session and the first block of the next one:
// CD: lead-out + lead-in + pregap, 6750 + 4500 + 150 = 11400 after the first session and
// 2250 + 4500 + 150 = 6900 after later ones (Orange Book; cdrecord -msinfo, libburn
// burn_disc_track_lba_nwa). DVD+R: 2048 (dvd+rw-mediainfo of a 4-session DVD+R: tracks end at
// 899648, next starts 901696). DVD-R/RW: 28688 for the first border (dvd+rw-mediainfo:
// track 1 ends at 132800, track 2 starts at 161488); later borders are taken as equal.
// BD-R: 0 (sessions are contiguous; the drive closes them inside the user area).
std::uint32_t session_gap(MediaKind kind, std::uint16_t closed_sessions);
// CD: the pregap before a session's first track, the last blocks of session_gap().
inline constexpr std::uint32_t cd_pregap_blocks = 150;
// Where the lead-in of the next session starts on CD (the lead-out of the last one follows
// its end: 6750 blocks after the first session, 2250 after later ones).
std::uint32_t cd_lead_out_length(std::uint16_t session);

} // namespace spindle

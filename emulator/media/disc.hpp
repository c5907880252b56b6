#pragma once
// The logical layout of a disc: sessions, tracks and their recording state. READ DISC
// INFORMATION, READ TRACK INFORMATION, READ TOC, READ CAPACITY, READ FORMAT CAPACITIES and
// the Current bits of GET CONFIGURATION are all computed from this one structure, so they
// always agree.
#include "emulator/media/media_type.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace spindle {

// READ DISC INFORMATION byte 2 (MMC-6 table 509/510).
enum class DiscStatus : std::uint8_t { Empty = 0, Incomplete = 1, Complete = 2, Other = 3 };
enum class SessionState : std::uint8_t { Empty = 0, Incomplete = 1, Damaged = 2, Complete = 3 };
// Background format status, READ DISC INFORMATION byte 7 bits 1-0 (DVD+RW, BD-RE, MRW).
enum class BackgroundFormat : std::uint8_t { None = 0, Incomplete = 1, Running = 2, Complete = 3 };

struct Track {
    std::uint16_t number = 1;
    std::uint16_t session = 1;
    std::uint32_t start = 0;       // first LBA
    std::uint32_t size = 0;        // blocks allotted (for the invisible track: up to the end of the disc)
    std::uint32_t recorded = 0;    // blocks written from `start`; NWA = start + recorded
    bool invisible = false;        // the open last track of an appendable disc
    bool reserved = false;         // sized by RESERVE TRACK, not yet complete
    bool closed = false;           // CLOSE TRACK done, or written by DAO/ROM
    std::uint8_t track_mode = 0x4; // READ TRACK INFORMATION byte 5 bits 3-0: data, uninterrupted
    std::uint8_t data_mode = 0x1;  // byte 6 bits 3-0: mode 1

    bool blank() const { return recorded == 0; }
    std::uint32_t end() const { return start + size; } // one past the last allotted block
    std::uint32_t next_writable() const { return start + recorded; }
};

struct Disc {
    MediaKind kind = MediaKind::CdRom;
    std::uint32_t capacity_blocks = 0; // user-data blocks of the whole disc
    std::vector<Track> tracks;         // in number order; sessions are runs of equal `session`
    DiscStatus status = DiscStatus::Empty;
    SessionState last_session = SessionState::Empty;
    BackgroundFormat background_format = BackgroundFormat::None;
    bool formatted = false;    // rewritable media: a usable format exists
    std::uint64_t disc_id = 0; // identifies this physical disc (media serial, DVD/BD disc ID)

    const MediaType& type() const { return media_type(kind); }
    std::uint16_t session_count() const { return tracks.empty() ? 0 : tracks.back().session; }
    std::uint16_t first_track_in_session(std::uint16_t session) const;
    const Track* track(std::uint16_t number) const;
    Track* track(std::uint16_t number);
    const Track* track_containing(std::uint32_t lba) const;
    // The last block that holds recorded data, if any (READ CAPACITY on recorded media).
    std::optional<std::uint32_t> last_recorded_lba() const;
};

} // namespace spindle

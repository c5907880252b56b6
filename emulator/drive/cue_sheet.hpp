#pragma once
// Session At Once on CD-R/RW: the cue sheet SEND CUE SHEET carries (MMC-6 6.33) and the
// pregap blocks the host writes before the first track's user data.
//
// The drive takes CD-DA audio tracks (data form 00h: 2352 bytes a block from the host; 01h:
// silence the drive writes) and Mode 1 data tracks (10h: 2048 bytes a block from the host;
// 14h: blocks the drive fills itself). A session is laid out from the cue sheet as reserved
// tracks, from each track's index 1 to the next one's (the lead-out for the last), the way
// RESERVE TRACK lays out a DVD-R DAO track; pregap blocks of track 1 with host data (libburn
// sends 150 of them at LBA -150..-1) are taken and dropped, as they hold no user data (before
// an audio track they are silence).
// SYNCHRONIZE CACHE after the last block writes the lead-out (synchronize_cache.cpp).
// Mode 2 data tracks too: CD-ROM XA (20h, 24h) and formless (30h, 34h), whose blocks from the
// host are the 2336 bytes after the header (media/cd_blocks.hpp); and data tracks whose blocks
// are whole 2352-byte sectors (11h, 21h, 31h), of which the drive keeps what it keeps of the
// others and makes the sync, header and EDC/ECC again.
// ADR 1 descriptors of index 2 to 99 after a track's index 1, numbered up by one at ascending
// addresses before the next track's first descriptor, are its index marks.
// ADR 2 and ADR 3 descriptor pairs give the disc's catalogue number and a track's ISRC; a
// lead-in descriptor with sub-channel bits set means the host sends the lead-in's R-W, 96
// bytes a block from the lead-in start to LBA -151: the CD-Text packs (take_lead_in).
// A track whose data form has R-W bits comes with 96 bytes of R-W after each block: raw (40h),
// recorded as sent, or packed (C0h), four packs the drive interleaves as it records them
// (media/cd_subchannel.hpp; their parity symbols are taken as sent). Either is kept with the
// disc (Track::recorded_rw); R-W are refused where the drive's CD Mastering feature (002Eh)
// does not claim R-W recording.
#include "emulator/drive/drive_state.hpp"

#include <expected>
#include <string>
#include <vector>

namespace spindle {

enum class CueRw : std::uint8_t { None, Raw, Packed };

struct CueTrack {
    std::uint16_t number = 1;
    std::int64_t start = 0;     // index 1, as an LBA
    std::uint8_t control = 0x4; // CTL of its index 1 descriptor: the track mode (audio: bit 2 clear)
    // A data track's sectors, from its index 1 data form.
    DataSectors sectors = DataSectors::Mode1;
    std::string isrc{};     // from the ADR 3 pair before it; empty: none
    CueRw rw = CueRw::None; // the R-W that follow each block from the host
    bool raw = false;       // a data track whose blocks come as whole 2352-byte sectors (11h, 21h, 31h)
    std::vector<std::uint32_t> index_marks{}; // LBAs of its index 2, 3, ... (Track::index_marks)
};

struct CueSheet {
    std::int64_t pregap_start = 0;           // first LBA the host sends (track 1 index 0 with host data, else index 1)
    std::vector<CueTrack> tracks;            // in order, at least one
    std::int64_t lead_out = 0;               // LBA of the lead-out: one past the session's last block
    std::uint32_t pregap_block_bytes = 2048; // host pregap blocks: 2352 before an audio track, 2336 Mode 2, +96 R-W
    std::string mcn{};                       // from the ADR 2 pair; empty: none
    bool lead_in_text = false;               // the host sends the lead-in's R-W (CD-Text), 96 bytes a block
};

// The cue sheet `list` against the open invisible track `open` (where the session must start),
// for a drive that records R-W from the host when `records_rw`: a parameter list error names
// the descriptor byte at fault.
std::expected<CueSheet, scsi::SenseData> parse_cue_sheet(scsi::ByteView list, const Track& open, bool records_rw);

// How many of `count` blocks from `lba` (as sent in the CDB: negative LBAs wrap) are the
// cue sheet's pregap, taken in order; an out-of-order pregap block is 5/21/02.
std::expected<std::uint32_t, scsi::SenseData> take_pregap(DriveState& s, std::uint32_t lba, std::uint32_t count);

} // namespace spindle

#pragma once
// A CD from a Nero Burning ROM image (.nrg), served from that file as it is
// (images/extent_store.hpp). The layout as libmirage (cdemu/cdemu libmirage/images/image-nrg),
// Aaru (aaru-dps/Aaru Aaru.Images/Nero) and MAME (src/lib/util/chdcd.cpp) read it:
// - The sector data comes first; the file ends with a footer: "NER5" and a 64-bit offset (v2),
//   or "NERO" and a 32-bit one (v1), of the first chunk. Every integer is big-endian.
// - Chunks from there, each a 4-character id, a u32 size and its payload, up to "END!":
//   CUEX (v2) / CUES (v1): 8-byte entries: ADR/CONTROL (CONTROL in the high nibble), track
//     (BCD; 00 lead-in, AA lead-out), index (BCD), 0, then the LBA as an i32 (CUEX) or 0 and a
//     BCD M:S:F (CUES, absolute: 00:02:00 is LBA 0).
//   DAOX (v2) / DAOI (v1): a Disc At Once session: a 22-byte header (u32 size, 14-byte
//     catalogue number, u16 TOC type, first and last track) and per track 42 / 30 bytes: ISRC
//     12, u16 sector size, mode, 3 more, then the file offsets of INDEX 00, INDEX 01 and the
//     track's end, u64 / u32 each. The pregap (INDEX 00 to 01) is in the file.
//   ETN2 (v2) / ETNF (v1): a Track At Once session: per track 32 / 20 bytes: file offset and
//     length in bytes (u64 / u32 each), mode (u32), LBA of INDEX 01 (u32), ... The pregaps are
//     not in the file.
//   SINF: the number of tracks of one session (u32), in session order.
//   CDTX: CD-Text packs, 18 bytes each. MTYP: u32 medium bits (0x1 CD, 0x400 CD-ROM, DVD and BD bits above).
//   Other chunks (DINF, TOCT, RELO, ...) are skipped.
// - Each DAOX/DAOI or ETN2/ETNF chunk is one session, in file order; the n-th Disc At Once
//   session's indexes are the n-th CUEX/CUES chunk's.
// - Modes (with the sector size each must have): 00 Mode 1 (2048), 02 Mode 2 Form 1 (2048),
//   03 Mode 2 (2336), 05 Mode 1 (2352), 06 Mode 2 (2352), 07 and 08 audio (2352), 0F, 10 and 11
//   Mode 1, audio and Mode 2 with 96 bytes of interleaved P-W sub-channel after each sector
//   (2448: the main channel served, and the sub-channel's R-W).
// - Audio samples are little-endian (libmirage and Aaru read them as they are; MAME swaps them
//   as it does the little-endian samples of GDI and CUE BINARY files).
// Refused, naming the file, the byte offset and what was expected: a footer that points
// outside the file, a chunk that runs past the footer, no END!, sizes that do not divide into
// entries, an unknown mode or a sector size that contradicts it, offsets past the end of the
// data, tracks that overlap, a DVD or BD image, more than 99 tracks.
#include "emulator/media/medium.hpp"

#include <expected>
#include <filesystem>
#include <memory>
#include <string>

namespace spindle {

// Whether `file` ends with an NRG footer pointing inside it.
bool is_nrg_image(const std::filesystem::path& file);

std::expected<std::unique_ptr<Medium>, std::string> load_nrg_image(const std::filesystem::path& nrg);

} // namespace spindle

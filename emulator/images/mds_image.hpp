#pragma once
// A CD from an Alcohol 120% image: the .mds descriptor and the .mdf file it names, served from
// that file as it is (images/extent_store.hpp). The layout as libmirage
// (cdemu/cdemu libmirage/images/image-mds) and Aaru (aaru-dps/Aaru Aaru.Images/Alcohol120) read
// it; every integer is little-endian, offsets are bytes from the start of the .mds:
// - Header (88 bytes): "MEDIA DESCRIPTOR", version major and minor (16, 17), u16 medium (18:
//   0x00 CD-ROM, 0x01 CD-R, 0x02 CD-RW, 0x10 DVD-ROM, 0x12 DVD-R), u16 sessions (20), u32
//   offset of the session blocks (80).
// - Session block (24): i32 start (0), i32 end (4), u16 number (8), u8 blocks (10: one per TOC
//   entry, A0/A1/A2 included), u8 of them not tracks (11), u16 first and last track (12, 14),
//   u32 offset of its track blocks (20).
// - Track block (80): mode (0; its low nibble: 1/9 audio, 2/A Mode 1, 3/B Mode 2, 4/C Form 1,
//   5/D Form 2, 0/7/8/F Mode 2), sub-channel (1: 0x00 none, 0x08 96 bytes of interleaved P-W
//   after each sector), ADR/CONTROL (2, CONTROL in the low nibble), the TOC entry's TNO, POINT
//   (4: 1 to 99 for a track), MIN ... PFRAME (3-11), u32 offset of its extra block (12), u16
//   sector size (16, the 96 sub-channel bytes included), u32 LBA of INDEX 01 (36), u64 offset
//   in the .mdf (40), u32 file count (48), u32 offset of its footer (52).
// - Extra block (8): u32 pregap, u32 length in blocks (from INDEX 01). The pregap is not in the
//   .mdf: its blocks read as zeros.
// - Footer (16): u32 offset of the file name, u32 1 if it is UTF-16LE; "*.mdf" is the .mds's
//   own name with .mdf for .mds.
// Refused, naming the file, the byte offset and what was expected: another signature, version 2
// (DAEMON Tools' MDX/MDSv2, compressed and encrypted), a DVD image, offsets outside the .mds,
// an unknown mode or a sector size it cannot have, a track split over several files, a missing
// .mdf or one shorter than its tracks, tracks out of order or overlapping.
#include "emulator/media/medium.hpp"

#include <expected>
#include <filesystem>
#include <memory>
#include <string>

namespace spindle {

// Whether `file` starts with the MDS signature ("MEDIA DESCRIPTOR").
bool is_mds_image(const std::filesystem::path& file);

std::expected<std::unique_ptr<Medium>, std::string> load_mds_image(const std::filesystem::path& mds);

} // namespace spindle

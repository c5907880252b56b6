#pragma once
// A CD from a CloneCD image: the descriptor NAME.ccd (images/ccd_descriptor.hpp), NAME.img
// (every sector of each session as 2352 raw bytes, audio little-endian: session 1 from LBA 0,
// each later one from its first track's pregap, its INDEX 1 - INDEX 0 blocks; the lead-out and
// lead-in between sessions are not stored) and, when it is there, NAME.sub (96 bytes a sector
// of P-W sub-channel, one channel after the other). Served from those files as they are
// (images/extent_store.hpp); the R-W of the .sub are the disc's recorded R-W
// (Track::recorded_rw for every track when the .sub is there: zeros read as zeros); P and Q
// come from the layout, as a drive makes them. Layout: the GNU ccd2cue manual,
// libmirage image-ccd and Aaru CloneCD.
//
// The full TOC entries (ADR 1) make the layout: the tracks (points 01h-63h, at PMin:PSec:PFrame),
// each session's first track and disc type (A0), last track (A1) and lead-out (A2); several
// sessions make a multisession disc. A track runs to the next one's pregap ([TRACK N] INDEX 0
// and INDEX 1), which lies between them, or to its session's lead-out; a pregap of the same kind
// as the track before stays with it, as the cue loader keeps one. A data track's mode is its
// first sector's header byte (Mode 1 or 2; [TRACK N] MODE where the header says neither), a Mode
// 2 track CD-ROM XA when its session's disc type (A0 PSec) is 20h. ISRC ([TRACK N] ISRC), the
// catalogue number ([Disc] CATALOG) and CD-Text ([CDText], packs whose CRC is made again) are
// kept.
//
// Refused, naming the file and line (the descriptor) or byte offset (.img, .sub): scrambled data
// tracks, TocEntries, Sessions or CDTextLength that the sections contradict, a session without
// A0 or A2, an entry without its fields or whose PLBA is not its PMin:PSec:PFrame, tracks not
// numbered from 1 or not in order, a bad ISRC or catalogue number, an .img that is not whole
// 2352-byte sectors or not the sectors the TOC lays out, a .sub that is not 96 bytes for each of
// them.
#include "emulator/media/medium.hpp"

#include <expected>
#include <filesystem>
#include <memory>
#include <string>

namespace spindle {

// Whether `file` reads as a CloneCD descriptor: text with a [CloneCD] line.
bool is_ccd_descriptor(const std::filesystem::path& file);

std::expected<std::unique_ptr<Medium>, std::string> load_ccd_image(const std::filesystem::path& ccd);

} // namespace spindle

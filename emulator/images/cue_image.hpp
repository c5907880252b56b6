#pragma once
// A CD from a cue sheet and the files it names (CDRWIN's CUE/BIN, as redump, EAC and most
// rippers write it), served from those files as they are (images/extent_store.hpp). libcue
// parses the sheet; a line scan before it gives each mistake its line, as libcue reports
// only that the sheet failed.
//
// Taken: FILE (BINARY little-endian, MOTOROLA big-endian, WAVE), TRACK AUDIO, MODE1/2048,
// MODE1/2352, MODE2/2336, MODE2/2352 (CD-ROM XA), INDEX 00 (a pregap the file holds) and 01,
// PREGAP (one it does not: silence, or zeros), POSTGAP, FLAGS (DCP, 4CH, PRE; SCMS has no TOC
// bit), ISRC, CATALOG, REM comments, and the CD-Text fields TITLE, PERFORMER, SONGWRITER,
// COMPOSER, ARRANGER and MESSAGE of the disc and each track (served as block 0, English). The tracks are
// laid out from LBA 0 (track 1's 150-block pregap is the disc's own), each running to the next
// one's first index in its file, or to the file's end. Refused, naming the file and line: a
// command or track mode it does not know (CDG, CDI, AIFF, MP3 and FLAC among them), a
// malformed time or number, a second session (REM SESSION 02), a missing file, a file whose
// tracks are not whole sectors.
#include "emulator/media/medium.hpp"

#include <expected>
#include <filesystem>
#include <memory>
#include <string>

namespace spindle {

// Whether `file` reads as a cue sheet: text whose commands include FILE and TRACK.
bool is_cue_sheet(const std::filesystem::path& file);

std::expected<std::unique_ptr<Medium>, std::string> load_cue_image(const std::filesystem::path& cue);

} // namespace spindle

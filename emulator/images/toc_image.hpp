#pragma once
// A CD from a cdrdao toc file and the files it names (cdrdao(1) "TOC FILES", trackdb/TocParser.g:
// images/toc_sheet.hpp parses it), served from those files as they are
// (images/extent_store.hpp). Raw audio files are big-endian, as cdrdao reads them, a name
// ending in .wav is a WAVE file (little-endian), SWAP turns either around; MODE1 sectors are
// 2048 bytes, MODE1_RAW and MODE2_RAW 2352, MODE2 (formless) and MODE2_FORM_MIX (CD-ROM XA)
// 2336. A track's statements run on one after another in blocks of its mode; the blocks before
// START (or PREGAP's) are its pregap: between the tracks (as a cue sheet's PREGAP), or, where
// the files hold them and they are of the track before's kind, the end of that track (as a cue
// sheet's INDEX 00). Track 1's pregap is the disc's own 150 blocks before LBA 0, not served.
// INDEX and END marks are checked and not kept: the drive reports index 1 only.
//
// Refused, naming the file and line (besides the grammar's refusals in toc_sheet.hpp): a file
// that is missing or is not a regular file, MP3, Ogg or FLAC audio, a .wav that is not 16-bit
// stereo 44.1 kHz PCM, a statement past its file's end, a statement other than a track's last
// that ends inside a block, a data track's last that does, a START at or past its track's end.
#include "emulator/media/medium.hpp"

#include <expected>
#include <filesystem>
#include <memory>
#include <string>

namespace spindle {

// Whether `file` reads as a cdrdao toc file: text whose first statement is a disc type,
// CATALOG "...", CD_TEXT or TRACK, with a TRACK followed by a track mode.
bool is_toc_file(const std::filesystem::path& file);

std::expected<std::unique_ptr<Medium>, std::string> load_toc_image(const std::filesystem::path& toc);

} // namespace spindle

#pragma once
// A CD as a cue sheet and one BIN per track beside it ("NAME (Track NN).bin", as redump names
// them), the form images/cue_image.hpp loads: loading what was exported gives the same tracks
// at the same addresses, sector for sector, with their flags, ISRCs and the catalogue number.
// Mode 1 tracks are MODE1/2048 (a drive rebuilds the rest of a Mode 1 sector from it), Mode 2
// tracks MODE2/2352 and audio AUDIO (little-endian). Blocks between tracks (a pause, a Track
// At Once run-out) become the next track's PREGAP. The files are written beside their final
// names and renamed into place once all are complete: a failed export leaves nothing behind.
// The CD-Text of block 0 (English) goes along as TITLE, PERFORMER ... Not yet exported: other
// languages, R-W sub-channels, discs other than CDs. Sessions are marked as redump marks them
// (REM SESSION NN before the first FILE of each).
#include "emulator/images/image_files.hpp"
#include "emulator/media/block_store.hpp"
#include "emulator/media/disc.hpp"

#include <expected>
#include <filesystem>
#include <string>

namespace spindle {

std::expected<ExportedImage, std::string>
export_cue(const Disc& disc, BlockStore& store, const std::filesystem::path& cue, const ExportProgress& progress = {});

} // namespace spindle

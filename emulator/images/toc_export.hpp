#pragma once
// A CD as a cdrdao toc file and one BIN beside it ("NAME.bin", every track back to back, as
// `cdrdao read-cd` writes its image), the form images/toc_image.hpp loads and cdrdao(1) reads
// ("TOC FILES"): loading what was exported gives the same tracks at the same addresses, sector
// for sector, with their flags, ISRCs, the catalogue number and the CD-Text of block 0. Audio is
// written big-endian (cdrdao's raw sample order, so a disc cdrdao burned from a raw file gives
// that file back), Mode 1 tracks as MODE1 (2048 bytes: a drive makes the rest again), CD-ROM XA
// tracks as MODE2_RAW and formless Mode 2 as MODE2 (2336 bytes). Blocks between tracks (a pause,
// a Track At Once run-out) become the next track's PREGAP. The files appear only once both are
// complete (images/image_files.hpp). Not exported: other CD-Text languages, R-W sub-channels, a
// second session, discs other than CDs.
#include "emulator/images/image_files.hpp"
#include "emulator/media/block_store.hpp"
#include "emulator/media/disc.hpp"

#include <expected>
#include <filesystem>
#include <string>

namespace spindle {

std::expected<ExportedImage, std::string>
export_toc(const Disc& disc, BlockStore& store, const std::filesystem::path& toc, const ExportProgress& progress = {});

} // namespace spindle

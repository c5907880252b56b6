#pragma once
// A CD as a CloneCD image (the layout of images/ccd_descriptor.hpp), the form
// images/ccd_image.hpp loads: NAME.ccd (the full TOC as [Entry] sections, as READ TOC format 2
// gives it: per session A0, A1, A2 and the tracks; [TRACK N] with its MODE, INDEX 0 where a
// pregap lies before it, INDEX 1, ISRC; the catalogue number; the CD-Text packs of the lead-in
// without their CRCs), NAME.img (every block of each session as its whole 2352-byte sector:
// session 1 from LBA 0, each later one from its first track's 150-block pregap, to its
// lead-out) and NAME.sub (each block's P-W, one channel after the other: P and Q as READ CD
// makes them from the layout, media/cd_block_q.hpp; R-W as recorded). A Mode 1 sector is built
// from its user data (sync, header, EDC/ECC: media/cd_sector.hpp), as READ CD builds it; audio
// and Mode 2 sectors are the store's whole sectors. Blocks no track reads (a pregap between
// tracks, a Track At Once run-out) are the sectors of a pause: silence before audio, a sector
// of zeros of the track's mode before data. Loading the image gives the same tracks at the
// same addresses, sector for sector and R-W for R-W. Files are renamed into place only once
// all are complete (images/image_files.hpp).
#include "emulator/images/image_files.hpp"
#include "emulator/media/block_store.hpp"
#include "emulator/media/disc.hpp"

#include <expected>
#include <filesystem>
#include <string>

namespace spindle {

std::expected<ExportedImage, std::string>
export_ccd(const Disc& disc, BlockStore& store, const std::filesystem::path& ccd, const ExportProgress& progress = {});

} // namespace spindle

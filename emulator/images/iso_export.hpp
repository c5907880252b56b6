#pragma once
// A disc of 2048-byte user data blocks as one plain image file (DISC.iso): what `dd` of the
// drive's block device gives, the form a `rom from DISC.iso` preset serves. Any disc whose
// recorded tracks are all Mode 1 or DVD/BD data: block N of the disc at byte N * 2048, up to
// the last recorded block; blocks no track holds (the gap between sessions, a Track At Once
// run-out) are zeros (a hole in the file). Audio and Mode 2 sectors have no such form: a CD
// with them exports as a cue sheet.
#include "emulator/images/image_files.hpp"
#include "emulator/media/block_store.hpp"
#include "emulator/media/disc.hpp"

#include <expected>
#include <filesystem>
#include <string>

namespace spindle {

std::expected<ExportedImage, std::string>
export_iso(const Disc& disc, BlockStore& store, const std::filesystem::path& iso, const ExportProgress& progress = {});

} // namespace spindle

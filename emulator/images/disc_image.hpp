#pragma once
// The one place that knows every disc image format: which loader reads a file (told by its
// content, not its name) and which writer an export's file name asks for. A plain ISO 9660 or
// UDF file of 2048-byte blocks is not among them: media presets serve it as it is.
#include "emulator/images/image_files.hpp"
#include "emulator/media/block_store.hpp"
#include "emulator/media/disc.hpp"
#include "emulator/media/medium.hpp"

#include <expected>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace spindle {

enum class ImageFormat : std::uint8_t {
    Cue, // CDRWIN cue sheet and its BIN/WAVE files (images/cue_image.hpp, cue_export.hpp)
    Toc, // cdrdao toc file and the files it names (images/toc_image.hpp, toc_export.hpp)
    Nrg, // Nero Burning ROM image (images/nrg_image.hpp)
    Mds, // Alcohol 120% descriptor and its MDF file (images/mds_image.hpp)
    // CloneCD descriptor, its IMG and SUB files (images/ccd_image.hpp, ccd_export.hpp)
    CloneCd,
    Chd, // MAME's compressed hunks: recognised to be refused, saying how to convert it
};

// The format of the image `file` is a descriptor of, by its content; none for anything else
// (an ISO, a missing file).
std::optional<ImageFormat> detect_image_format(const std::filesystem::path& file);

// The disc `file` describes, served from the image's files.
std::expected<std::unique_ptr<Medium>, std::string> load_disc_image(const std::filesystem::path& file);

// The disc written as the image `out` names by its extension (.cue, .toc).
std::expected<ExportedImage, std::string> export_disc_image(const Disc& disc, BlockStore& store,
                                                            const std::filesystem::path& out,
                                                            const ExportProgress& progress = {});

// Whether export_disc_image() writes a file of the name `out` (by its extension), and the
// extensions it writes, for messages (".cue").
bool exported_name(const std::filesystem::path& out);
std::string export_extensions();

} // namespace spindle

#include "emulator/images/disc_image.hpp"

#include "emulator/images/ccd_export.hpp"
#include "emulator/images/ccd_image.hpp"
#include "emulator/images/cue_export.hpp"
#include "emulator/images/cue_image.hpp"
#include "emulator/images/image_medium.hpp"
#include "emulator/images/iso_export.hpp"
#include "emulator/images/mds_image.hpp"
#include "emulator/images/nrg_image.hpp"
#include "emulator/images/toc_export.hpp"
#include "emulator/images/toc_image.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>

namespace spindle {

namespace {

struct Writer {
    std::string_view extension;
    std::expected<ExportedImage, std::string> (*write)(const Disc&, BlockStore&, const std::filesystem::path&,
                                                       const ExportProgress&);
};
constexpr std::array writers{
    Writer{".cue", export_cue},
    Writer{".ccd", export_ccd},
    Writer{".toc", export_toc},
    Writer{".iso", export_iso},
};

// MAME's CHD ("MComprHD" first): Debian 12 has no library that reads it (no libchdr), and its
// codecs (zlib, LZMA, FLAC and Huffman over hunks of 8 sectors) are no format to rewrite here.
// chdman (mame-tools) turns it into a cue sheet and a BIN (dropping R-W sub-channels).
bool is_chd_image(const std::filesystem::path& file) {
    const auto head = file_head(file);
    return head && head->starts_with("MComprHD");
}

std::string chd_refusal(const std::filesystem::path& file) {
    auto cue = file, bin = file;
    cue.replace_extension(".cue");
    bin.replace_extension(".bin");
    return fmt::format("{}: a CHD image (MAME): no library in Debian 12 reads it; convert it first with `chdman "
                       "extractcd -i {} -o {} -ob {}` (package mame-tools) and load {}",
                       file.string(), file.string(), cue.string(), bin.string(), cue.string());
}

} // namespace

std::optional<ImageFormat> detect_image_format(const std::filesystem::path& file) {
    if (is_chd_image(file)) return ImageFormat::Chd;
    if (is_mds_image(file)) return ImageFormat::Mds; // a signature at the start
    if (is_nrg_image(file)) return ImageFormat::Nrg; // a footer at the end
    if (is_toc_file(file)) return ImageFormat::Toc;  // before cue: a toc has FILE and TRACK words too
    if (is_ccd_descriptor(file)) return ImageFormat::CloneCd;
    if (is_cue_sheet(file)) return ImageFormat::Cue;
    return std::nullopt;
}

std::expected<std::unique_ptr<Medium>, std::string> load_disc_image(const std::filesystem::path& file) {
    const auto format = detect_image_format(file);
    if (!format) return std::unexpected(file.string() + ": not a disc image this drive loads");
    switch (*format) {
    case ImageFormat::Cue: return load_cue_image(file);
    case ImageFormat::Toc: return load_toc_image(file);
    case ImageFormat::Nrg: return load_nrg_image(file);
    case ImageFormat::Mds: return load_mds_image(file);
    case ImageFormat::CloneCd: return load_ccd_image(file);
    case ImageFormat::Chd: return std::unexpected(chd_refusal(file));
    }
    return std::unexpected(file.string() + ": not a disc image this drive loads");
}

std::expected<ExportedImage, std::string> export_disc_image(const Disc& disc, BlockStore& store,
                                                            const std::filesystem::path& out,
                                                            const ExportProgress& progress) {
    for (const auto& w : writers)
        if (out.extension() == w.extension) return w.write(disc, store, out, progress);
    return std::unexpected(out.string() + ": the name must end in " + export_extensions() +
                           " (its extension names the format written)");
}

bool exported_name(const std::filesystem::path& out) {
    return std::any_of(writers.begin(), writers.end(), [&](const Writer& w) { return out.extension() == w.extension; });
}

std::string export_extensions() {
    std::string names;
    for (const auto& w : writers) names += (names.empty() ? "" : ", ") + std::string(w.extension);
    return names;
}

} // namespace spindle

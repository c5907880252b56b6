#include "emulator/images/iso_export.hpp"

#include "emulator/media/sparse_image_store.hpp"

#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace spindle {

std::expected<ExportedImage, std::string> export_iso(const Disc& disc, BlockStore& store,
                                                     const std::filesystem::path& iso, const ExportProgress& progress) {
    std::vector<const Track*> tracks;
    for (const auto& t : disc.tracks)
        if (!t.blank() && !t.invisible) tracks.push_back(&t);
    if (tracks.empty()) return std::unexpected(std::string("the disc has no recorded track to export"));
    std::uint64_t total = 0;
    for (const Track* t : tracks) {
        if (t->whole_sectors())
            return std::unexpected(fmt::format("track {} is {}: an ISO image holds 2048-byte blocks of user data; "
                                               "write a cue sheet (.cue) for this disc",
                                               t->number, t->audio() ? "audio" : "Mode 2"));
        total += std::uint64_t{t->readable_end() - t->start} * BlockStore::block_size;
    }
    PendingFiles files;
    const FileDescriptor f(files.create(iso));
    if (f.get() < 0) return std::unexpected("cannot create " + iso.string() + ": " + std::strerror(errno));
    ExportedImage out{{iso}, 0};
    for (const Track* t : tracks) {
        const std::uint64_t before = out.bytes;
        auto copied = copy_blocks(store, t->start, t->readable_end(), false, f.get(),
                                  std::uint64_t{t->start} * BlockStore::block_size, [&](std::uint64_t done) {
                                      out.bytes = before + done;
                                      if (progress) progress(out.bytes, total);
                                  });
        if (!copied) return std::unexpected(iso.string() + ": " + copied.error());
    }
    if (::fdatasync(f.get()) != 0) return std::unexpected("cannot write " + iso.string() + ": " + std::strerror(errno));
    if (auto ok = files.commit(iso.parent_path()); !ok) return std::unexpected(ok.error());
    return out;
}

} // namespace spindle

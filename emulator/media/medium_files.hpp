#pragma once
// Discs kept in files, so a disc outlives the process that wrote it. A disc "path" names a pair, and more files
// for a CD with audio, Mode 2 sectors or recorded R-W sub-channels:
//   IMAGE       the user data, a sparse image (block N at byte N x 2048, holes read as zeros)
//   IMAGE.json  the layout (media/disc_json.hpp), replaced atomically on every save
//   IMAGE.cdda  CD-DA blocks of audio tracks and whole Mode 2 sectors, sparse too (block N at byte N x 2352)
//   IMAGE.rw    the R-W sub-channels a host recorded, sparse too (block N at byte N x 96)
// Data reaches the image before the layout that records it (the image is synced first), and
// the layout file is replaced atomically, so a crash at any point leaves the previous layout or
// the new one, each backed by its data.
//
// When the layout is saved: at once after a structural change (a track or session opened or
// closed, a reservation, blanking, formatting); after data writes at the next flush point
// (SYNCHRONIZE CACHE, closing, ejecting, destroying the Medium), as a real drive's buffer
// reaches the disc at a flush. A crash loses what was written since the last flush point.
// A failed save or sync is kept in Medium::failure and fails every later one (medium.hpp).
// Every file operation goes through the Medium's Storage (media/storage.hpp).
#include "emulator/media/atomic_file.hpp"
#include "emulator/media/medium.hpp"

#include <expected>
#include <filesystem>
#include <memory>
#include <string>

namespace spindle {

// IMAGE + ".json".
std::filesystem::path metadata_path_for(const std::filesystem::path& image);
// Whether a kept disc exists at `image` (its metadata file does).
bool medium_exists(const std::filesystem::path& image, Storage& storage = real_storage());

// Writes `m`'s layout beside `image` in `storage`, after syncing its data. When `image` is not
// where `m` keeps its data, the data is copied there first (holes stay holes). `crash` stops
// the metadata replacement part way, as a crash would (tests).
std::expected<void, std::string> save_medium(const Medium& m, const std::filesystem::path& image, Storage& storage,
                                             CrashPoint crash = CrashPoint::None);
// The same in `m`'s storage.
std::expected<void, std::string> save_medium(const Medium& m, const std::filesystem::path& image,
                                             CrashPoint crash = CrashPoint::None);
// Saves `m` where it is kept (nothing for an anonymous disc) and clears `unsaved`; a failure
// is kept in `m.failure`, and an earlier one is returned without trying.
std::expected<void, std::string> save_medium(const Medium& m);

// Reopens a kept disc: its layout validated, its image at least as large as the data the
// layout records. Errors name the file and what is wrong.
std::expected<std::unique_ptr<Medium>, std::string> open_medium(const std::filesystem::path& image,
                                                                Storage& storage = real_storage());

// A flush point (SYNCHRONIZE CACHE, CLOSE TRACK/SESSION): syncs the data and saves unsaved
// layout changes (Medium::layout_changed is where changes are announced). Fails, and keeps
// failing, from the first failed save or sync of `m` on (Medium::failure).
std::expected<void, std::string> flush_medium(const Medium& m);

// Makes `m` a kept disc at `image` in `storage`: copies its data there when it lives
// elsewhere, sizes the image to cover every readable block, and saves the layout.
std::expected<void, std::string> keep_medium_at(Medium& m, const std::filesystem::path& image,
                                                Storage& storage = real_storage());

// Copies the 2048-byte blocks of the file at `from` into `to` from block 0, leaving all-zero
// stretches as holes. Returns the number of blocks; the file must be whole blocks.
std::expected<std::uint32_t, std::string> copy_image_into(const std::filesystem::path& from, BlockStore& to);

} // namespace spindle

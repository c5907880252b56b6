#pragma once
// A disc in the drive: its layout and its data, and where both are kept.
#include "emulator/media/block_store.hpp"
#include "emulator/media/disc.hpp"
#include "emulator/media/storage.hpp"

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

namespace spindle {

// What changed in a layout: data written (a track's recorded blocks grew) or its structure
// (tracks, sessions, status, format).
enum class LayoutChange : std::uint8_t { Data, Structure };

struct Medium {
    Disc disc;
    std::unique_ptr<BlockStore> store;
    // Where the disc is kept (media/medium_files.hpp): the data in this sparse image, the
    // layout in `image` + ".json", a CD's audio in `image` + ".cdda" (medium_files.hpp). Empty: an anonymous disc that
    // lasts as long as this object.
    std::filesystem::path image;
    // Where those files are (media/storage.hpp): the real file system but in tests.
    Storage* storage = &real_storage();
    // The layout changed since it was last saved (saved at the next flush point).
    mutable bool unsaved = false;
    // Why a save or a sync of this disc failed; empty while none has. Once set, every later
    // save and flush fails with it until the disc is reopened from its files: a failed sync
    // may have lost written pages that a retried sync would report as safe (Linux reports a
    // failed fdatasync once), and a layout that could not be saved is not on the disc.
    mutable std::string failure;
    // Called after every change of `disc`, after it is saved (observers: a control interface).
    std::function<void(const Medium&)> on_layout_changed;

    Medium() = default;
    Medium(const Medium&) = delete;
    Medium& operator=(const Medium&) = delete;
    // A kept disc with unsaved changes saves them (unless it failed): stopping the emulator
    // cleanly restores the disc exactly.
    ~Medium();

    // Announced after every change of `disc` (DiscWriter is the one place that changes it once
    // the medium is in a drive). A kept disc saves a structural change at once; data written
    // is saved at the next flush point (media/medium_files.hpp flush_medium), as a drive's
    // buffer reaches the disc. A failed save sets `failure`, which the command that made the
    // change reports (drive/commands/write_target.hpp medium_failure), and so does every later flush.
    void layout_changed(LayoutChange change = LayoutChange::Structure) const;
};

} // namespace spindle

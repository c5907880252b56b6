#pragma once
// A disc in the drive: its layout and its data, and where both are kept.
#include "emulator/media/block_store.hpp"
#include "emulator/media/disc.hpp"

#include <filesystem>
#include <functional>
#include <memory>

namespace spindle {

// What changed in a layout: data written (a track's recorded blocks grew) or its structure
// (tracks, sessions, status, format).
enum class LayoutChange : std::uint8_t { Data, Structure };

struct Medium {
    Disc disc;
    std::unique_ptr<BlockStore> store;
    // Where the disc is kept (media/medium_files.hpp): the data in this sparse image, the
    // layout in `image` + ".json", a CD's audio in `image` + ".cdda". Empty: an anonymous disc that lasts as long as
    // this object.
    std::filesystem::path image;
    // The layout changed since it was last saved (saved at the next flush point).
    mutable bool unsaved = false;
    // Called after every change of `disc`, after it is saved (observers: a control interface).
    std::function<void(const Medium&)> on_layout_changed;

    Medium() = default;
    Medium(const Medium&) = delete;
    Medium& operator=(const Medium&) = delete;
    // A kept disc with unsaved changes saves them: stopping the emulator cleanly restores the
    // disc exactly.
    ~Medium();

    // Announced after every change of `disc` (DiscWriter is the one place that changes it once
    // the medium is in a drive). A kept disc saves a structural change at once; data written
    // is saved at the next flush point (media/medium_files.hpp flush_medium), as a drive's
    // buffer reaches the disc. A failed save leaves `unsaved` set for the next flush to report.
    void layout_changed(LayoutChange change = LayoutChange::Structure) const;
};

} // namespace spindle

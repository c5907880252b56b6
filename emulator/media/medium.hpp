#pragma once
// A disc in the drive: its layout and its data, and where both are kept.
#include "emulator/media/block_store.hpp"
#include "emulator/media/disc.hpp"

#include <filesystem>
#include <memory>

namespace spindle {

struct Medium {
    Disc disc;
    std::unique_ptr<BlockStore> store;
    // Where the disc is kept (media/medium_files.hpp): the data in this sparse image, the
    // layout in `image` + ".json". Empty: an anonymous disc that lasts as long as this object.
    std::filesystem::path image;
    // The layout changed since it was last saved (data written; saved at the next flush).
    bool unsaved = false;

    Medium() = default;
    Medium(const Medium&) = delete;
    Medium& operator=(const Medium&) = delete;
    // A kept disc with unsaved changes saves them: stopping the emulator cleanly restores the
    // disc exactly.
    ~Medium();
};

} // namespace spindle

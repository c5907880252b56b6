#pragma once
// A disc in the drive: its layout and its data.
#include "emulator/media/block_store.hpp"
#include "emulator/media/disc.hpp"

#include <functional>
#include <memory>

namespace spindle {

struct Medium {
    Disc disc;
    std::unique_ptr<BlockStore> store;
    // Called after every change of `disc` (DiscWriter is the one place that changes it once
    // the medium is in a drive): where the layout is saved so that it survives a restart.
    // Data blocks are not layout: they reach `store` directly and are made durable by
    // store->flush() (SYNCHRONIZE CACHE).
    std::function<void(const Medium&)> on_layout_changed;

    void layout_changed() const {
        if (on_layout_changed) on_layout_changed(*this);
    }
};

} // namespace spindle

#pragma once
// A disc in the drive: its layout and its data.
#include "emulator/media/block_store.hpp"
#include "emulator/media/disc.hpp"

#include <memory>

namespace spindle {

struct Medium {
    Disc disc;
    std::unique_ptr<BlockStore> store;
};

} // namespace spindle

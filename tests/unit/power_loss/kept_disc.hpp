#pragma once
// A disc from a media preset kept at `image` in a MemoryStorage, every file of it durable: the
// starting point of the power-loss and save-error tests.
#include "emulator/media/medium_files.hpp"
#include "emulator/media/presets.hpp"
#include "power_loss/memory_storage.hpp"

#include <doctest/doctest.h>

namespace spindle::test {

inline void keep_in_memory(MemoryStorage& storage, std::string_view preset, const std::filesystem::path& image) {
    auto m = make_medium(preset);
    REQUIRE_MESSAGE(m.has_value(), (m ? std::string() : m.error()));
    const auto kept = keep_medium_at(**m, image, storage);
    REQUIRE_MESSAGE(kept.has_value(), (kept ? std::string() : kept.error()));
    m->reset(); // its descriptors close before the files are made durable
    storage.sync_everything();
}

// The disc kept at `image` in `storage`, opened again (as a drive restarted on it would).
inline std::unique_ptr<Medium> reopen_in_memory(MemoryStorage& storage, const std::filesystem::path& image) {
    auto m = open_medium(image, storage);
    REQUIRE_MESSAGE(m.has_value(), (m ? std::string() : m.error()));
    return std::move(*m);
}

} // namespace spindle::test

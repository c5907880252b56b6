// Saved mode pages are durable once MODE SELECT with SP has saved them: the file is replaced
// as a disc's layout is (the temporary synced, renamed, the directory synced), so a power cut
// at any step leaves the old pages or the new ones, and after the save the new ones.
#include "emulator/drive/mode_page_set.hpp"
#include "emulator/profile/profile_loader.hpp"
#include "power_loss/memory_storage.hpp"

#include <doctest/doctest.h>

using namespace spindle;
using namespace spindle::test;

namespace {

const std::filesystem::path saved_file = "/state/mode-pages.saved";

struct Change {
    std::uint8_t code = 0;
    scsi::Bytes before, after;
};

// A savable page of the default profile with its first changeable bit flipped.
Change a_change(const ModePageSet& pages) {
    for (auto code : pages.codes()) {
        if (!pages.savable(code)) continue;
        Change c{code, *pages.page(code, PageControl::Saved), *pages.page(code, PageControl::Saved)};
        const auto& mask = *pages.page(code, PageControl::Changeable);
        for (std::size_t i = 2; i < mask.size(); ++i) {
            if (mask[i] == 0) continue;
            c.after[i] = static_cast<std::uint8_t>(c.after[i] ^ (mask[i] & -mask[i]));
            return c;
        }
    }
    FAIL("the default profile has no savable page");
    return {};
}

scsi::Bytes saved_after_power_on(MemoryStorage& storage, std::uint8_t code, MemoryStorage::CutMode mode,
                                 std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    storage.power_on(mode, rng);
    const ModePageSet reloaded(default_profile().mode_pages, saved_file, storage);
    return *reloaded.page(code, PageControl::Saved);
}

} // namespace

TEST_CASE("saved mode pages survive a power cut once saved") {
    MemoryStorage storage;
    ModePageSet pages(default_profile().mode_pages, saved_file, storage);
    const Change c = a_change(pages);
    REQUIRE(pages.set(c.code, c.after, true));
    storage.cut_power_at(0);
    CHECK(saved_after_power_on(storage, c.code, MemoryStorage::CutMode::DropAll, 0) == c.after);
}

TEST_CASE("a power cut at every step of saving mode pages leaves the old pages or the new ones") {
    MemoryStorage start;
    ModePageSet(default_profile().mode_pages, saved_file, start); // nothing saved yet: reads nothing
    const Change c = a_change(ModePageSet(default_profile().mode_pages, saved_file, start));
    std::uint64_t steps = 0;
    {
        MemoryStorage storage = start;
        ModePageSet pages(default_profile().mode_pages, saved_file, storage);
        const auto before = storage.calls();
        REQUIRE(pages.set(c.code, c.after, true));
        steps = storage.calls() - before;
    }
    REQUIRE(steps >= 6); // create, write, sync, close, rename, directory sync
    for (std::uint64_t step = 0; step < steps; ++step) {
        for (auto mode : {MemoryStorage::CutMode::DropAll, MemoryStorage::CutMode::Random}) {
            CAPTURE(step);
            MemoryStorage storage = start;
            ModePageSet pages(default_profile().mode_pages, saved_file, storage);
            storage.cut_power_at(step);
            CHECK_FALSE(pages.set(c.code, c.after, true)); // the save did not complete
            const auto saved = saved_after_power_on(storage, c.code, mode, step);
            CHECK((saved == c.before || saved == c.after));
        }
    }
}

TEST_CASE("a failed sync or rename of the saved pages fails the save") {
    for (auto call : {MemoryStorage::Call::Sync, MemoryStorage::Call::Rename, MemoryStorage::Call::Write}) {
        MemoryStorage storage;
        ModePageSet pages(default_profile().mode_pages, saved_file, storage);
        const Change c = a_change(pages);
        storage.inject({call, 1, EIO});
        CHECK_FALSE(pages.set(c.code, c.after, true));
    }
}

// The power-loss model itself: what a cut keeps, drops and tears, and how an injected fault
// behaves, so that the tests built on it prove what they claim.
#include "power_loss/memory_storage.hpp"

#include <doctest/doctest.h>

using namespace spindle;
using namespace spindle::test;

namespace {

using CutMode = MemoryStorage::CutMode;
const std::filesystem::path file = "/d/f", other = "/d/g";

std::vector<std::uint8_t> filled(std::size_t n, std::uint8_t v) { return std::vector<std::uint8_t>(n, v); }

int create(MemoryStorage& s, const std::filesystem::path& p) {
    auto fd = s.open(p, O_RDWR | O_CREAT, 0644);
    REQUIRE(fd);
    return *fd;
}

void power_cycle(MemoryStorage& s, CutMode mode, std::uint64_t seed = 1) {
    std::mt19937_64 rng(seed);
    s.cut_power_at(0);
    s.power_on(mode, rng);
}

} // namespace

TEST_CASE("a cut keeps what was synced and drops what was not, writes and directory entries alike") {
    MemoryStorage s;
    const int fd = create(s, file);
    REQUIRE(s.pwrite(fd, filled(1024, 1), 0));
    REQUIRE(s.fdatasync(fd));
    REQUIRE(s.pwrite(fd, filled(512, 2), 0));
    CHECK(s.contents(file)->at(0) == 2); // reads see everything
    power_cycle(s, CutMode::DropAll);
    CHECK_FALSE(s.contents(file)); // its directory entry was never synced
    const int again = create(s, file);
    REQUIRE(s.pwrite(again, filled(1024, 1), 0));
    REQUIRE(s.fsync(again));
    REQUIRE(s.sync_directory("/d"));
    REQUIRE(s.pwrite(again, filled(512, 2), 0));
    REQUIRE(s.rename(file, other));
    power_cycle(s, CutMode::DropAll);
    CHECK(*s.contents(file) == filled(1024, 1)); // the rename and the unsynced write are gone
    CHECK_FALSE(s.contents(other));
}

TEST_CASE("a random cut tears an unsynced write into whole sectors of old and new") {
    bool torn = false;
    for (std::uint64_t seed = 0; seed < 64 && !torn; ++seed) {
        MemoryStorage s;
        const int fd = create(s, file);
        REQUIRE(s.pwrite(fd, filled(4096, 1), 0));
        REQUIRE(s.fsync(fd));
        REQUIRE(s.sync_directory("/d"));
        REQUIRE(s.pwrite(fd, filled(4096, 2), 0));
        power_cycle(s, CutMode::Random, seed);
        const auto c = *s.contents(file);
        REQUIRE(c.size() == 4096);
        for (std::size_t at = 0; at < c.size(); at += MemoryStorage::sector)
            CHECK(std::all_of(c.begin() + static_cast<std::ptrdiff_t>(at),
                              c.begin() + static_cast<std::ptrdiff_t>(at + MemoryStorage::sector),
                              [&](std::uint8_t b) { return b == c[at]; }));
        torn = std::count(c.begin(), c.end(), 1) > 0 && std::count(c.begin(), c.end(), 2) > 0;
    }
    CHECK(torn);
}

TEST_CASE("from the cut on every call fails with EIO and changes nothing") {
    MemoryStorage s;
    const int fd = create(s, file);
    s.cut_power_at(1);
    REQUIRE(s.pwrite(fd, filled(8, 1), 0)); // call 0
    CHECK(s.fdatasync(fd).error() == EIO);  // call 1: the power is gone
    CHECK(s.pwrite(fd, filled(8, 3), 0).error() == EIO);
    CHECK(s.contents(file)->at(0) == 1);
    CHECK(s.dead());
}

TEST_CASE("a failed sync loses the file's unsynced writes, and the next sync succeeds over them") {
    MemoryStorage s;
    const int fd = create(s, file);
    REQUIRE(s.sync_directory("/d"));
    REQUIRE(s.pwrite(fd, filled(512, 7), 0));
    s.inject({MemoryStorage::Call::Sync, 1, EIO});
    CHECK(s.fdatasync(fd).error() == EIO);
    CHECK(s.fault_fired() == file.string());
    CHECK(s.fdatasync(fd)); // Linux reports the error once
    CHECK(s.contents(file)->at(0) == 7);
    power_cycle(s, CutMode::DropAll);
    CHECK(s.contents(file)->empty());
}

// Memory against disc size: the same amount of data written to a 50 GB disc and to a disc just
// large enough for it. The data lives in the sparse image (page cache, not the process), so
// the resident set grows by the same small amount whatever the disc's size.
#include "bench.hpp"

#include "emulator/media/medium_files.hpp"
#include "scsi/cdb_write.hpp"

#include <unistd.h>

#include <cstdio>
#include <fstream>

namespace spindle::bench {

namespace {

// 50 GB BD-R DL: 24 438 784 user blocks (dual-layer BD-R, 2 x 12 219 392).
constexpr std::uint32_t bd_r_dl_blocks = 24'438'784;
constexpr std::uint64_t slack_bytes = 1 << 20; // allocator noise allowed between the two

std::uint64_t resident_bytes() {
    std::ifstream statm("/proc/self/statm");
    std::uint64_t size = 0, resident = 0;
    statm >> size >> resident;
    return resident * static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
}

// Writes `bytes` from LBA 0 with WRITE(10) when the build has it, otherwise straight into the
// store with the layout grown to match (what WRITE does); returns the resident-set growth.
std::uint64_t resident_growth(const Options& o, const std::string& preset, std::uint64_t bytes) {
    const auto image = o.dir / "bench-memory.img";
    const std::uint64_t before = resident_bytes();
    std::uint64_t after = 0;
    {
        auto medium = make_medium(preset, image);
        if (!medium) fail(medium.error());
        std::vector<std::uint8_t> data(transfer_bytes, 0xA5);
        ReadyDrive d(std::move(*medium));
        bool via_drive = true;
        for (std::uint64_t at = 0; at < bytes; at += transfer_bytes) {
            const auto lba = static_cast<std::uint32_t>(at / 2048);
            const auto cdb = scsi::cdb::write10(lba, transfer_blocks);
            if (via_drive && !d.run(cdb, data).good()) via_drive = false;
            if (!via_drive) {
                auto& m = const_cast<Medium&>(*d.drive.state().medium);
                if (!m.store->write(lba, data)) fail("cannot write the image");
                m.disc.tracks[0].recorded += transfer_blocks;
                m.layout_changed(LayoutChange::Data);
            }
        }
        after = resident_bytes();
    } // the disc is saved and closed before its files go
    std::filesystem::remove(image);
    std::filesystem::remove(metadata_path_for(image));
    return after > before ? after - before : 0;
}

} // namespace

bool bench_memory(const Options& o) {
    const std::uint64_t bytes = o.memory_mib * 1024 * 1024;
    const auto blocks = static_cast<std::uint32_t>(bytes / 2048);
    // Largest first: anything the first run allocates and keeps would count against the big disc.
    const auto big = resident_growth(o, "blank bd-r capacity=" + std::to_string(bd_r_dl_blocks), bytes);
    const auto small = resident_growth(o, "blank bd-r capacity=" + std::to_string(blocks + 32), bytes);
    const std::uint64_t cd_bytes = std::min<std::uint64_t>(bytes, 359'808ULL * 2048);
    const auto cd = resident_growth(o, "blank cd-r", cd_bytes);
    std::printf("resident set growth with %llu MiB written: 50 GB BD-R DL %llu KiB, %llu-block BD-R (just fits) "
                "%llu KiB, CD-R with %llu MiB %llu KiB\n",
                static_cast<unsigned long long>(o.memory_mib), static_cast<unsigned long long>(big / 1024),
                static_cast<unsigned long long>(blocks + 32), static_cast<unsigned long long>(small / 1024),
                static_cast<unsigned long long>(cd_bytes >> 20), static_cast<unsigned long long>(cd / 1024));
    const bool met = big <= small + slack_bytes;
    std::printf("  memory independent of disc size: %s\n", met ? "yes" : "NO (MISSED)");
    return met;
}

} // namespace spindle::bench

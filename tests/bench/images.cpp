// Disc images: how long a drive takes from `--media "rom from IMAGE"` to ready for a 700 MB
// cue/bin and a 4.7 GB ISO (both sparse files: loading must not read them), and `mmc-emu
// export` of a CD against copying the same bytes (std::filesystem::copy_file, as cp does) and
// syncing them, as the export syncs what it writes before renaming it into place.
#include "bench.hpp"
#include "emulator/images/cue_export.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

namespace spindle::bench {

namespace {

void sparse_file(const std::filesystem::path& p, std::uint64_t bytes) {
    std::ofstream{p, std::ios::binary};
    std::filesystem::resize_file(p, bytes);
}

// Best of the rounds: seconds from the preset to a drive answering TEST UNIT READY with GOOD.
double load_until_ready(const std::string& preset, int rounds) {
    double best = 1e9;
    for (int r = 0; r < rounds; ++r) {
        const auto t = Clock::now();
        ReadyDrive d(medium_or_exit(preset));
        best = std::min(best, seconds_since(t));
    }
    return best;
}

} // namespace

bool bench_images(const Options& o) {
    const std::uint32_t cd_blocks = o.smoke ? 1000 : 300'000; // 705.6 MB of 2352-byte sectors
    const auto bin = o.dir / "bench-image.bin", cue = o.dir / "bench-image.cue", iso = o.dir / "bench-image.iso";
    sparse_file(bin, std::uint64_t{cd_blocks} * 2352);
    std::ofstream(cue) << "FILE \"bench-image.bin\" BINARY\n  TRACK 01 AUDIO\n    INDEX 01 00:00:00\n";
    sparse_file(iso, o.smoke ? 1 << 20 : 4'700'000'256ULL); // 4.7 GB in whole 2048-byte blocks
    const double cue_s = load_until_ready("rom from " + cue.string(), o.rounds + 2);
    const double iso_s = load_until_ready("rom from " + iso.string(), o.rounds + 2);
    std::printf("Loading disc images until the drive is ready (best of %d):\n", o.rounds + 2);
    std::printf("  cue/bin, %.1f MB: %8.3f ms (target < 100 ms)%s\n", cd_blocks * 2352.0 / 1e6, cue_s * 1e3,
                cue_s < 0.1 ? "" : "  MISSED");
    std::printf("  ISO, %.2f GB:     %8.3f ms (target < 100 ms)%s\n", o.smoke ? 0.001 : 4.7, iso_s * 1e3,
                iso_s < 0.1 ? "" : "  MISSED");

    // Export: a CD of real (not sparse) audio, its BIN in the page cache, against copying it.
    const std::uint32_t export_blocks = o.smoke ? 100 : 60'000; // 141 MB
    {
        std::vector<std::uint8_t> chunk(2352 * 100);
        for (std::size_t i = 0; i < chunk.size(); ++i) chunk[i] = static_cast<std::uint8_t>(i * 7 + i / 4099);
        std::ofstream f(bin, std::ios::binary | std::ios::trunc);
        for (std::uint32_t b = 0; b < export_blocks; b += 100)
            f.write(reinterpret_cast<const char*>(chunk.data()), static_cast<std::streamsize>(chunk.size()));
    }
    auto medium = medium_or_exit("rom from " + cue.string());
    const auto out = o.dir / "bench-export.cue", copy = o.dir / "bench-copy.bin";
    double export_s = 1e9, copy_s = 1e9, synced_copy_s = 1e9;
    for (int r = 0; r < o.rounds + 2; ++r) { // interleaved, best of each
        auto t = Clock::now();
        std::filesystem::copy_file(bin, copy, std::filesystem::copy_options::overwrite_existing);
        copy_s = std::min(copy_s, seconds_since(t));
        // The export syncs what it wrote before it renames it into place; cp does not.
        const int fd = ::open(copy.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0 || ::fdatasync(fd) != 0) fail("cannot sync the copy");
        ::close(fd);
        synced_copy_s = std::min(synced_copy_s, seconds_since(t));
        t = Clock::now();
        if (auto e = export_cue(medium->disc, *medium->store, out); !e) fail(e.error());
        export_s = std::min(export_s, seconds_since(t));
    }
    const double bytes = export_blocks * 2352.0;
    const double ratio = synced_copy_s / export_s; // the target: the same durability as the export's
    const double plain = copy_s / export_s;
    std::printf("mmc-emu export of a %.0f MB CD against copy_file of its BIN (best of %d):\n", bytes / 1e6,
                o.rounds + 2);
    std::printf("  export %8.1f MB/s, copy + fdatasync %8.1f MB/s: %.2fx (target 0.8x)%s\n", bytes / 1e6 / export_s,
                bytes / 1e6 / synced_copy_s, ratio, ratio >= 0.8 ? "" : "  MISSED");
    std::printf("  (copy alone, its data not yet on the disk: %.1f MB/s, %.2fx)\n", bytes / 1e6 / copy_s, plain);
    for (const auto& p : {bin, cue, iso, out, copy, o.dir / "bench-export (Track 01).bin"}) std::filesystem::remove(p);
    return cue_s < 0.1 && iso_s < 0.1 && ratio >= 0.8;
}

} // namespace spindle::bench

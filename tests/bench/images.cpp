// Disc images: how long a drive takes from `--media "rom from IMAGE"` to ready for a 700 MB
// cue/bin, toc/bin and CloneCD image and a 4.7 GB ISO (sparse files: loading must not read
// them), and `mmc-emu export` of a CD to each format against copying the same bytes
// (std::filesystem::copy_file, as cp does) and syncing them, as the export syncs what it
// writes before renaming it into place.
#include "bench.hpp"
#include "emulator/images/disc_image.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
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
    // The same sparse CD as a toc and a CloneCD image, written by the exporters (a sparse run
    // is copied as a hole).
    const auto toc = o.dir / "bench-load.toc", ccd = o.dir / "bench-load.ccd";
    {
        auto cd = medium_or_exit("rom from " + cue.string());
        for (const auto& p : {toc, ccd})
            if (auto e = export_disc_image(cd->disc, *cd->store, p); !e) fail(e.error());
    }
    const double cue_s = load_until_ready("rom from " + cue.string(), o.rounds + 2);
    const double toc_s = load_until_ready("rom from " + toc.string(), o.rounds + 2);
    const double ccd_s = load_until_ready("rom from " + ccd.string(), o.rounds + 2);
    const double iso_s = load_until_ready("rom from " + iso.string(), o.rounds + 2);
    std::printf("Loading disc images until the drive is ready (best of %d):\n", o.rounds + 2);
    bool loads_ok = true;
    for (const auto& [name, s] :
         {std::pair{"cue/bin", cue_s}, std::pair{"toc/bin", toc_s}, std::pair{"ccd/img/sub", ccd_s}}) {
        std::printf("  %-11s %.1f MB: %8.3f ms (target < 100 ms)%s\n", name, cd_blocks * 2352.0 / 1e6, s * 1e3,
                    s < 0.1 ? "" : "  MISSED");
        loads_ok = loads_ok && s < 0.1;
    }
    std::printf("  ISO, %.2f GB:          %8.3f ms (target < 100 ms)%s\n", o.smoke ? 0.001 : 4.7, iso_s * 1e3,
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
    const auto copy = o.dir / "bench-copy.bin";
    const std::array<std::filesystem::path, 3> outs{o.dir / "bench-export.cue", o.dir / "bench-export.toc",
                                                    o.dir / "bench-export.ccd"};
    std::array<double, 3> export_s{1e9, 1e9, 1e9};
    double copy_s = 1e9, synced_copy_s = 1e9;
    for (int r = 0; r < o.rounds + 2; ++r) { // interleaved, best of each
        auto t = Clock::now();
        std::filesystem::copy_file(bin, copy, std::filesystem::copy_options::overwrite_existing);
        copy_s = std::min(copy_s, seconds_since(t));
        // The export syncs what it wrote before it renames it into place; cp does not.
        const int fd = ::open(copy.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0 || ::fdatasync(fd) != 0) fail("cannot sync the copy");
        ::close(fd);
        synced_copy_s = std::min(synced_copy_s, seconds_since(t));
        for (std::size_t f = 0; f < outs.size(); ++f) {
            t = Clock::now();
            if (auto e = export_disc_image(medium->disc, *medium->store, outs[f]); !e) fail(e.error());
            export_s[f] = std::min(export_s[f], seconds_since(t));
        }
    }
    const double bytes = export_blocks * 2352.0;
    std::printf("mmc-emu export of a %.0f MB CD against copy_file of its BIN, then fdatasync (%.1f MB/s), best of "
                "%d:\n",
                bytes / 1e6, bytes / 1e6 / synced_copy_s, o.rounds + 2);
    bool exports_ok = true;
    for (std::size_t f = 0; f < outs.size(); ++f) {
        // The target: the same durability as the export's. A .ccd writes 96 bytes of
        // sub-channels a block besides the 2352 (4% more).
        const double ratio = synced_copy_s / export_s[f];
        std::printf("  %s %8.1f MB/s of sectors: %.2fx (target 0.8x)%s; against copy alone (%.1f MB/s): %.2fx\n",
                    outs[f].extension().c_str(), bytes / 1e6 / export_s[f], ratio, ratio >= 0.8 ? "" : "  MISSED",
                    bytes / 1e6 / copy_s, copy_s / export_s[f]);
        exports_ok = exports_ok && ratio >= 0.8;
    }
    for (const char* name :
         {"bench-image.bin", "bench-image.cue", "bench-image.iso", "bench-load.toc", "bench-load.bin", "bench-load.ccd",
          "bench-load.img", "bench-load.sub", "bench-copy.bin", "bench-export.cue", "bench-export (Track 01).bin",
          "bench-export.toc", "bench-export.bin", "bench-export.ccd", "bench-export.img", "bench-export.sub"})
        std::filesystem::remove(o.dir / name);
    return loads_ok && iso_s < 0.1 && exports_ok;
}

} // namespace spindle::bench

// READ CD of whole 2352-byte sectors (sync, header, user data and the EDC/ECC the drive
// rebuilds for each) against READ CD of the user data alone and READ(10), over one CD-ROM.
#include "bench.hpp"

#include "scsi/cdb_read.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>

namespace spindle::bench {

namespace {

constexpr std::uint32_t blocks_per_command = 27; // 63504 bytes: what wodim's readcd and cdrdao ask for
constexpr double cd_52x_sectors = 52 * 75;       // the fastest CD drives, in sectors per second

auto read_cd(std::uint32_t lba, std::uint8_t selection) {
    return scsi::cdb::read_cd(static_cast<std::int32_t>(lba), blocks_per_command, selection);
}

auto read10(std::uint32_t lba) { return scsi::cdb::read10(lba, blocks_per_command); }

} // namespace

bool bench_read_cd(const Options& o) {
    const auto image = o.dir / "bench-read-cd.iso";
    const auto disc_blocks = static_cast<std::uint32_t>(std::min<std::uint64_t>(o.region_mib, 64) * 512);
    {
        std::ofstream f(image, std::ios::binary);
        std::vector<char> block(2048);
        for (std::uint32_t b = 0; b < disc_blocks; ++b) {
            std::fill(block.begin(), block.end(), static_cast<char>(b));
            f.write(block.data(), static_cast<std::streamsize>(block.size()));
        }
    }
    ReadyDrive d(medium_or_exit("cd-rom from " + image.string()));
    const std::uint64_t commands =
        std::max<std::uint64_t>(1, o.transfer_mib * 1024 * 1024 / 4 / (2352 * blocks_per_command));
    std::vector<std::uint8_t> buf(2352 * blocks_per_command);
    auto run = [&](auto cdb_of) {
        double best = 0;
        for (int round = 0; round < o.rounds; ++round) {
            const auto t = Clock::now();
            for (std::uint64_t i = 0; i < commands; ++i) {
                const auto lba =
                    static_cast<std::uint32_t>(i * blocks_per_command % (disc_blocks - blocks_per_command));
                const auto cdb = cdb_of(lba);
                if (!d.run(cdb, {}, buf).good()) fail("READ CD failed");
            }
            best = std::max(best, static_cast<double>(commands * blocks_per_command) / seconds_since(t));
        }
        return best;
    };
    const double raw = run([](std::uint32_t lba) { return read_cd(lba, scsi::cdb::read_cd_main::whole_sector); });
    const double user = run([](std::uint32_t lba) { return read_cd(lba, scsi::cdb::read_cd_main::user_data); });
    const double plain = run(read10);
    std::printf("READ CD, %u sectors a command, best of %d x %llu commands:\n", blocks_per_command, o.rounds,
                static_cast<unsigned long long>(commands));
    std::printf("  whole sectors (F8h)  %9.0f sectors/s = %6.0fx CD speed (target >= 52x)%s\n", raw, raw / 75,
                raw >= cd_52x_sectors ? "" : "  MISSED");
    std::printf("  user data (10h)      %9.0f sectors/s   READ(10) %9.0f sectors/s   whole/READ(10) %.3fx\n", user,
                plain, raw / plain);
    std::filesystem::remove(image);
    return raw >= cd_52x_sectors;
}

} // namespace spindle::bench

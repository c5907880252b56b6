// READ CD of whole 2352-byte sectors (sync, header, user data and the EDC/ECC the drive
// rebuilds for each) against READ CD of the user data alone and READ(10), over one CD-ROM; then
// READ CD of CD-ROM XA Form 1 and Form 2 sectors written Track At Once (kept whole as written).
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

constexpr double cd_1000x_sectors = 1000 * 75; // the Mode 2 target: 1000x CD speed

auto read_cd(std::uint32_t lba, std::uint8_t selection, std::uint8_t type = 0) {
    return scsi::cdb::read_cd(static_cast<std::int32_t>(lba), blocks_per_command, selection, type);
}

auto read10(std::uint32_t lba) { return scsi::cdb::read10(lba, blocks_per_command); }

// A blank CD-R with `blocks` XA sectors written Track At Once with data block type `type` (10:
// Form 1, 2048 bytes a block; 12: Form 2, 2324), page 05h set by MODE SELECT(10).
ReadyDrive& write_xa(ReadyDrive& d, std::uint8_t type, std::uint32_t blocks) {
    std::array<std::uint8_t, 8 + 52> list{};
    std::uint8_t* p = list.data() + 8; // MMC-6 table 649
    p[0] = 0x05;
    p[1] = 0x32;
    p[2] = 0x01; // Track At Once
    p[3] = 0xC4; // multi-session, data track
    p[4] = type;
    p[8] = 0x20; // CD-ROM XA
    p[15] = 150;
    const std::array<std::uint8_t, 10> select{0x55, 0x10, 0, 0, 0, 0, 0, 0, static_cast<std::uint8_t>(list.size()), 0};
    if (!d.run(select, list).good()) fail("MODE SELECT of page 05h failed");
    const std::size_t size = type == 10 ? 2048 : 2324;
    constexpr std::uint32_t per_write = 32;
    std::vector<std::uint8_t> data(size * per_write);
    for (std::uint32_t at = 0; at < blocks; at += per_write) {
        const std::uint32_t n = std::min(per_write, blocks - at);
        std::fill(data.begin(), data.end(), static_cast<std::uint8_t>(at));
        const std::array<std::uint8_t, 10> write{0x2A,
                                                 0,
                                                 static_cast<std::uint8_t>(at >> 24),
                                                 static_cast<std::uint8_t>(at >> 16),
                                                 static_cast<std::uint8_t>(at >> 8),
                                                 static_cast<std::uint8_t>(at),
                                                 0,
                                                 0,
                                                 static_cast<std::uint8_t>(n),
                                                 0};
        if (!d.run(write, std::span<const std::uint8_t>(data).first(n * size)).good())
            fail("WRITE of XA blocks failed");
    }
    return d;
}

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

    // Mode 2: the sectors are read as written, their fields cut from them.
    const std::uint32_t xa_blocks = std::min<std::uint32_t>(disc_blocks, 8192);
    ReadyDrive f1(medium_or_exit("blank cd-r"));
    write_xa(f1, 10, xa_blocks);
    ReadyDrive f2(medium_or_exit("blank cd-r"));
    write_xa(f2, 12, xa_blocks);
    auto run_on = [&](ReadyDrive& x, std::uint8_t type, std::uint8_t selection) {
        double best = 0;
        for (int round = 0; round < o.rounds; ++round) {
            const auto t = Clock::now();
            for (std::uint64_t i = 0; i < commands; ++i) {
                const auto lba = static_cast<std::uint32_t>(i * blocks_per_command % (xa_blocks - blocks_per_command));
                if (!x.run(read_cd(lba, selection, type), {}, buf).good()) fail("READ CD of XA sectors failed");
            }
            best = std::max(best, static_cast<double>(commands * blocks_per_command) / seconds_since(t));
        }
        return best;
    };
    const double form1_raw = run_on(f1, 4, 0xF8), form1_user = run_on(f1, 4, 0x10);
    const double form2_raw = run_on(f2, 5, 0xF8), form2_user = run_on(f2, 5, 0x10);
    const double slowest = std::min({form1_raw, form1_user, form2_raw, form2_user});
    std::printf("READ CD of CD-ROM XA sectors (type 4 Form 1, type 5 Form 2), target >= 1000x CD speed:\n");
    std::printf("  Form 1 whole (F8h)   %9.0f sectors/s = %6.0fx   user data (10h) %9.0f sectors/s = %6.0fx\n",
                form1_raw, form1_raw / 75, form1_user, form1_user / 75);
    std::printf("  Form 2 whole (F8h)   %9.0f sectors/s = %6.0fx   user data (10h) %9.0f sectors/s = %6.0fx%s\n",
                form2_raw, form2_raw / 75, form2_user, form2_user / 75, slowest >= cd_1000x_sectors ? "" : "  MISSED");
    return raw >= cd_52x_sectors && slowest >= cd_1000x_sectors;
}

} // namespace spindle::bench

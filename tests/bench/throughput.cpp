// READ(10)/WRITE(10) of 64 KiB through Drive::execute against a pread/pwrite loop of the same
// size on the same file system, interleaved in one run; TEST UNIT READY commands per second.
#include "bench.hpp"

#include "emulator/media/medium_files.hpp"
#include "emulator/media/sparse_image_store.hpp"
#include "scsi/cdb_read.hpp"
#include "scsi/cdb_write.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace spindle::bench {

namespace {

constexpr double throughput_target = 0.8; // of the plain file loop
constexpr double commands_target = 1e6;   // TEST UNIT READY per second

std::vector<std::uint8_t> pattern() {
    std::vector<std::uint8_t> data(transfer_bytes);
    for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i * 31 + 7);
    return data;
}

FileDescriptor open_or_exit(const std::filesystem::path& p, int flags) {
    int fd;
    do fd = ::open(p.c_str(), flags | O_CLOEXEC, 0644);
    while (fd < 0 && errno == EINTR);
    if (fd < 0) fail("cannot open " + p.string() + ": " + std::strerror(errno));
    return FileDescriptor(fd);
}

void report(const char* what, double drive_mbs, double file_mbs, bool& met) {
    const double ratio = drive_mbs / file_mbs;
    std::printf("  %-9s drive %9.1f MB/s   %-6s loop %9.1f MB/s   ratio %.2fx (target >= %.1fx)%s\n", what, drive_mbs,
                what[0] == 'R' ? "pread" : "pwrite", file_mbs, ratio, throughput_target,
                ratio >= throughput_target ? "" : "  MISSED");
    met = met && ratio >= throughput_target;
}

} // namespace

bool bench_read(const Options& o) {
    const auto image = o.dir / "bench-read.img";
    const std::uint64_t region_ops = o.region_mib * 1024 * 1024 / transfer_bytes;
    const std::uint64_t ops = o.transfer_mib * 1024 * 1024 / transfer_bytes;
    auto medium = medium_or_exit("formatted dvd+rw image=" + image.string());
    const auto data = pattern();
    for (std::uint64_t i = 0; i < region_ops; ++i)
        if (!medium->store->write(static_cast<std::uint32_t>(i * transfer_blocks), data)) fail("cannot fill the image");
    auto d = std::make_unique<ReadyDrive>(std::move(medium));
    const auto fd = open_or_exit(image, O_RDONLY);
    std::vector<std::uint8_t> buf(transfer_bytes);
    double best_drive = 0, best_file = 0;
    for (int round = 0; round < o.rounds; ++round) {
        auto t = Clock::now();
        for (std::uint64_t i = 0; i < ops; ++i)
            if (!file_io::read_fully(fd.get(), buf.data(), buf.size(), (i % region_ops) * transfer_bytes))
                fail("pread failed");
        best_file = std::max(best_file, mb_per_second(ops * transfer_bytes, seconds_since(t)));
        t = Clock::now();
        for (std::uint64_t i = 0; i < ops; ++i) {
            const auto cdb =
                scsi::cdb::read10(static_cast<std::uint32_t>((i % region_ops) * transfer_blocks), transfer_blocks);
            if (!d->run(cdb, {}, buf).good()) fail("READ(10) failed");
        }
        best_drive = std::max(best_drive, mb_per_second(ops * transfer_bytes, seconds_since(t)));
    }
    if (buf != data) fail("READ(10) returned other data than was written");
    bool met = true;
    std::printf("64 KiB transfers, %llu MiB per round, best of %d (page-cached reads over %llu MiB):\n",
                static_cast<unsigned long long>(o.transfer_mib), o.rounds,
                static_cast<unsigned long long>(o.region_mib));
    report("READ(10)", best_drive, best_file, met);
    d.reset(); // the disc is closed before its files go
    std::filesystem::remove(image);
    std::filesystem::remove(metadata_path_for(image));
    return met;
}

bool bench_write(const Options& o) {
    const auto image = o.dir / "bench-write.img";
    const auto plain = o.dir / "bench-write.raw";
    const std::uint64_t ops = o.transfer_mib * 1024 * 1024 / transfer_bytes;
    const auto data = pattern();
    double best_drive = 0, best_file = 0;
    for (int round = 0; round < o.rounds; ++round) {
        {
            const auto fd = open_or_exit(plain, O_WRONLY | O_CREAT | O_TRUNC);
            const auto t = Clock::now();
            for (std::uint64_t i = 0; i < ops; ++i)
                if (!file_io::write_fully(fd.get(), data.data(), data.size(), i * transfer_bytes))
                    fail("pwrite failed");
            best_file = std::max(best_file, mb_per_second(ops * transfer_bytes, seconds_since(t)));
        }
        std::filesystem::remove(plain);
        {
            auto medium = make_medium("blank bd-r", image); // a fresh disc each round, as the loop's fresh file
            if (!medium) fail(medium.error());
            ReadyDrive d(std::move(*medium));
            const auto t = Clock::now();
            for (std::uint64_t i = 0; i < ops; ++i) {
                const auto cdb = scsi::cdb::write10(static_cast<std::uint32_t>(i * transfer_blocks), transfer_blocks);
                const auto c = d.run(cdb, data);
                if (!c.good()) {
                    if (c.sense.asc() == 0x20 && i == 0) {
                        std::printf("  WRITE(10) not in this build yet: skipped\n");
                        return true;
                    }
                    fail("WRITE(10) failed");
                }
            }
            best_drive = std::max(best_drive, mb_per_second(ops * transfer_bytes, seconds_since(t)));
        }
        std::filesystem::remove(image);
        std::filesystem::remove(metadata_path_for(image));
    }
    bool met = true;
    report("WRITE(10)", best_drive, best_file, met);
    return met;
}

bool bench_test_unit_ready(const Options& o) {
    ReadyDrive d(medium_or_exit("formatted bd-re"));
    const auto tur = scsi::cdb::test_unit_ready();
    double best = 0;
    for (int round = 0; round < o.rounds; ++round) {
        std::uint64_t good = 0;
        const auto t = Clock::now();
        for (std::uint64_t i = 0; i < o.tur_commands; ++i) good += d.run(tur).good() ? 1u : 0u;
        best = std::max(best, static_cast<double>(o.tur_commands) / seconds_since(t));
        if (good != o.tur_commands) fail("TEST UNIT READY failed");
    }
    std::printf("TEST UNIT READY: %.2f M commands/s, best of %d x %llu (target >= 1 M/s)%s\n", best / 1e6, o.rounds,
                static_cast<unsigned long long>(o.tur_commands), best >= commands_target ? "" : "  MISSED");
    return best >= commands_target;
}

} // namespace spindle::bench

#pragma once
// Shared pieces of bench_drive: options, a ready drive, timing, reporting.
#include "emulator/drive/drive.hpp"
#include "emulator/media/presets.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace spindle::bench {

struct Options {
    std::filesystem::path dir;         // where images and baseline files go (one file system)
    std::uint64_t transfer_mib = 1024; // data moved per round, per direction
    std::uint64_t region_mib = 64;     // reads cycle over this much (page-cached) data
    std::uint64_t tur_commands = 5'000'000;
    std::uint64_t memory_mib = 1024; // written to each disc in the memory comparison
    int rounds = 3;                  // best of, baseline and drive interleaved
    bool smoke = false;
};

inline constexpr std::size_t transfer_bytes = 64 * 1024; // one READ(10)/WRITE(10), one pread/pwrite
inline constexpr std::uint16_t transfer_blocks = transfer_bytes / 2048;

using Clock = std::chrono::steady_clock;
inline double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
inline double mb_per_second(std::uint64_t bytes, double seconds) { return static_cast<double>(bytes) / 1e6 / seconds; }

// A drive on a virtual clock (fast mode) with `medium` loaded and ready.
struct ReadyDrive {
    explicit ReadyDrive(std::unique_ptr<Medium> medium);
    Completion run(std::span<const std::uint8_t> cdb, std::span<const std::uint8_t> out = {},
                   std::span<std::uint8_t> in = {}) {
        return drive.execute(Command{cdb, out, in});
    }
    VirtualClock clock;
    Drive drive;
};

std::unique_ptr<Medium> medium_or_exit(const std::string& preset);
void fail(const std::string& what); // prints and exits 1

// Each prints its figures; false when a target is missed (reported, not fatal).
bool bench_read(const Options& o);
bool bench_write(const Options& o);
bool bench_test_unit_ready(const Options& o);
bool bench_read_cd(const Options& o);
bool bench_cd_text(const Options& o);
bool bench_images(const Options& o);
bool bench_memory(const Options& o);

} // namespace spindle::bench

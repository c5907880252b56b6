#pragma once
// A drive with known speeds and buffer for the performance tests, and a way to put a ready
// disc in it.
#include "support/test_drive.hpp"

#include <chrono>
#include <memory>

namespace spindle::test {

// Speeds in kB/s: DVD 16x 22160, 12x 16620, 8x 11080, 6x 8310, 4x 5540; CD 48x 8467,
// 40x 7056, 32x 5645, 24x 4234, 16x 2822.
inline constexpr std::string_view perf_profile_yaml = R"(
identity:
  vendor: SPINDLE
  product: Perf Test
  revision: "1.00"
  serial: PERF0001
timings:
  becoming_ready_ms: 1000
buffer_size_kib: 2048
profiles: [dvd+r, dvd+rw, dvd-rom, cd-r]
speeds:
  dvd+r: {read: [16620, 8310], write: [22160, 16620, 11080, 5540]}
  dvd+rw: {read: [16620], write: [11080, 5540]}
  dvd-rom: {read: [22160, 11080]}
  cd-r: {read: [8467], write: [8467, 7056, 5645, 4234, 2822]}
)";

struct PerfDrive : TestDrive {
    PerfDrive() : TestDrive(profile_from_yaml(perf_profile_yaml)) { settled(); }

    // Loads a disc of `kind` with its default capacity and waits until it is ready, consuming
    // the medium-change unit attention.
    PerfDrive& with_disc(MediaKind kind) {
        auto m = std::make_unique<Medium>();
        m->disc.kind = kind;
        m->disc.capacity_blocks = media_type(kind).capacity_blocks;
        drive.load(std::move(m));
        clock.advance(std::chrono::seconds(2));
        run(as_vector(scsi::cdb::test_unit_ready())); // 6/28/00
        settled();
        return *this;
    }
};

// Appends a big-endian 32-bit value to an expected answer.
inline void append_be32(std::vector<std::uint8_t>& v, std::uint32_t x) {
    v.resize(v.size() + 4);
    scsi::put_be32(v, v.size() - 4, x);
}

// Sense bytes 15-17 (sense-key-specific) of a result.
inline std::vector<std::uint8_t> sks(const Result& r) {
    const auto b = r.sense_bytes();
    return {b[15], b[16], b[17]};
}

} // namespace spindle::test

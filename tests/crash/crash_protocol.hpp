#pragma once
// What the crash-safety child (a drive over a kept image, fed commands) tells its parent, one
// line per event on a pipe, written before a command is sent and after it completes, so that
// when the child is killed the parent knows which command was in flight and what the drive had
// acknowledged:
//   R                      the drive is ready on the image (restart done)
//   W LBA COUNT STAMP      WRITE(10) of COUNT blocks at LBA, their contents stamped STAMP
//   S                      SYNCHRONIZE CACHE
//   C TRACK                CLOSE TRACK
//   D APPENDABLE           CLOSE SESSION (0: finalize)
//   V BLOCKS               RESERVE TRACK
//   B TYPE                 BLANK (destroys the data)
//   F TYPE                 FORMAT UNIT (destroys the data)
//   P                      stop the background format (DVD+RW CLOSE function 000b)
//   a CLOSED SESSIONS F    the command in flight completed GOOD; the disc now has CLOSED closed
//                          tracks, SESSIONS complete sessions, F 1 when formatted
//   x SENSE                the command in flight was refused (sense as 5/24/00)
//   E                      the disc is finished: nothing more to do on it
#include <cstdint>
#include <span>
#include <string>

namespace spindle::crash {

constexpr std::size_t block_size = 2048;

// Block `lba` as written with `stamp`: the LBA and the stamp in the first 16 bytes, then bytes
// that depend on both, so a block in the wrong place or from another write does not match.
inline void fill_block(std::span<std::uint8_t> out, std::uint32_t lba, std::uint64_t stamp) {
    std::uint64_t x = (std::uint64_t{lba} << 32) ^ stamp ^ 0x9E3779B97F4A7C15ull;
    for (std::size_t i = 0; i + 8 <= out.size(); i += 8) {
        std::uint64_t word;
        if (i == 0) {
            word = lba;
        } else if (i == 8) {
            word = stamp;
        } else {
            x ^= x << 13; // xorshift64: cheap, so the child spends its time in the drive
            x ^= x >> 7;
            x ^= x << 17;
            word = x;
        }
        for (std::size_t b = 0; b < 8; ++b) out[i + b] = static_cast<std::uint8_t>(word >> (8 * b));
    }
}

// The stamp a block carries in its header (0 when it was never written: a hole reads as zeros).
inline std::uint64_t stamp_of(std::span<const std::uint8_t> block) {
    std::uint64_t s = 0;
    for (std::size_t i = 0; i < 8; ++i) s |= std::uint64_t{block[8 + i]} << (8 * i);
    return s;
}

// The child: serves a drive over `image` (made from `preset` when no disc is kept there) and
// runs a random workload from `seed`, reporting on `report_fd`. Returns the exit status:
// 0 disc finished, 2 the kept disc cannot be opened, 4 the workload went wrong.
int run_child(const std::string& image, const std::string& preset, std::uint64_t seed, int report_fd);

} // namespace spindle::crash

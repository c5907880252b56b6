// The disc metadata loader (media/disc_json.hpp) on arbitrary text, and a drive given what it
// accepts burning, closing and reading that disc. A layout is given to a drive only as a kept
// disc would be (disc_from_json, then validate_disc_state, as presets.hpp's reopen does), and
// from then on the disc must stay one a real disc can be in: the crash test's plausibility
// check (tests/crash/disc_plausibility.hpp) holds after loading and after every command.
//
// An input:
//   u16     length of the layout's JSON text, then the text
//   then steps, a byte each (modulo 8) and its operands:
//   0 WRITE(10) of 1 + byte % 32 blocks at the next writable address READ TRACK INFORMATION
//     gives for the last track (what a burner does)
//   1 WRITE(10) of 1 + byte % 32 blocks at u32 LBA
//   2 SYNCHRONIZE CACHE
//   3 CLOSE TRACK/SESSION: byte function (modulo 8), u16 track number
//   4 READ(10) of byte % 33 blocks at u32 LBA
//   5 RESERVE TRACK of u32 blocks
//   6 READ DISC INFORMATION, READ TRACK INFORMATION (u16 track), READ TOC
//   7 time passes: byte * 100 ms
// Accepted text also writes back to the same layout (disc_to_json reads back equal).
#include "crash/disc_plausibility.hpp"
#include "emulator/drive/drive.hpp"
#include "emulator/media/disc_json.hpp"
#include "emulator/media/sparse_image_store.hpp"
#include "emulator/profile/profile_loader.hpp"
#include "fuzz_input.hpp"

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string_view>
#include <vector>

namespace {

using namespace spindle;

std::vector<std::uint8_t> be32(std::uint32_t v) {
    return {static_cast<std::uint8_t>(v >> 24), static_cast<std::uint8_t>(v >> 16), static_cast<std::uint8_t>(v >> 8),
            static_cast<std::uint8_t>(v)};
}

// The drive's disc is one a real disc can be in; `after` says what came before, for the report.
void check_plausible(const Drive& drive, std::string_view after) {
    const auto& medium = drive.state().medium;
    if (!medium) return;
    const auto wrong = crash::implausible(medium->disc);
    if (wrong.empty()) return;
    std::fprintf(stderr, "implausible disc after %.*s:\n", static_cast<int>(after.size()), after.data());
    for (const auto& line : wrong) std::fprintf(stderr, "  %s\n", line.c_str());
    std::fprintf(stderr, "%s\n", disc_to_json(medium->disc).c_str());
    std::abort();
}

Completion run(Drive& drive, std::vector<std::uint8_t> cdb, std::size_t in_size, std::size_t out_size = 0) {
    std::vector<std::uint8_t> in(in_size), out(out_size, 0x5A);
    const auto c = drive.execute(Command{cdb, out, in});
    if (c.data_in_length > in_size) std::abort();
    return c;
}

// The next writable address of the last track, as READ TRACK INFORMATION reports it.
std::uint32_t next_writable(Drive& drive) {
    std::vector<std::uint8_t> in(48);
    const std::vector<std::uint8_t> cdb = {0x52, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 48, 0};
    const auto c = drive.execute(Command{cdb, {}, in});
    if (c.status != ScsiStatus::Good || (in[7] & 0x01) == 0) return 0;
    return std::uint32_t{in[12]} << 24 | std::uint32_t{in[13]} << 16 | std::uint32_t{in[14]} << 8 | in[15];
}

std::vector<std::uint8_t> rw10(std::uint8_t op, std::uint32_t lba, std::uint16_t blocks) {
    auto cdb = std::vector<std::uint8_t>{op, 0};
    const auto a = be32(lba);
    cdb.insert(cdb.end(), a.begin(), a.end());
    cdb.insert(cdb.end(), {0, static_cast<std::uint8_t>(blocks >> 8), static_cast<std::uint8_t>(blocks), 0});
    return cdb;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::FuzzInput in(data, size);
    const auto text = in.text(in.u16());
    auto disc = disc_from_json(text);
    if (!disc) return 0;
    const auto json = disc_to_json(*disc);
    auto again = disc_from_json(json);
    if (!again || disc_to_json(*again) != json) std::abort(); // what was written must read back
    if (!validate_disc_state(*disc)) return 0;                // no drive is given such a disc

    auto medium = std::make_unique<Medium>();
    medium->disc = std::move(*disc);
    auto store = SparseImageStore::open({});
    if (!store || !(*store)->extend_to(image_bytes_needed(medium->disc))) return 0; // no room: not a finding
    medium->store = std::move(*store);

    VirtualClock clock;
    Drive drive(default_profile(), clock);
    drive.load(std::move(medium));
    check_plausible(drive, "loading");

    for (int steps = 0; !in.empty() && steps < 64; ++steps) {
        switch (in.byte() % 8) {
        case 0: {
            const std::uint16_t blocks = 1 + in.byte() % 32;
            run(drive, rw10(0x2A, next_writable(drive), blocks), 0, std::size_t{blocks} * 2048);
            check_plausible(drive, "WRITE(10) at the next writable address");
            break;
        }
        case 1: {
            const auto lba = in.u32();
            const std::uint16_t blocks = 1 + in.byte() % 32;
            run(drive, rw10(0x2A, lba, blocks), 0, std::size_t{blocks} * 2048);
            check_plausible(drive, "WRITE(10)");
            break;
        }
        case 2:
            run(drive, {0x35, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0);
            check_plausible(drive, "SYNCHRONIZE CACHE");
            break;
        case 3: {
            const auto function = static_cast<std::uint8_t>(in.byte() % 8);
            const auto track = in.u16();
            run(drive,
                {0x5B, 0, function, 0, static_cast<std::uint8_t>(track >> 8), static_cast<std::uint8_t>(track), 0, 0, 0,
                 0},
                0);
            check_plausible(drive, "CLOSE TRACK/SESSION");
            break;
        }
        case 4: {
            const auto lba = in.u32();
            const std::uint16_t blocks = in.byte() % 33;
            run(drive, rw10(0x28, lba, blocks), std::size_t{blocks} * 2048);
            check_plausible(drive, "READ(10)");
            break;
        }
        case 5: {
            const auto blocks = be32(in.u32());
            run(drive, {0x53, 0, 0, 0, 0, blocks[0], blocks[1], blocks[2], blocks[3], 0}, 0);
            check_plausible(drive, "RESERVE TRACK");
            break;
        }
        case 6: {
            const auto track = in.u16();
            run(drive, {0x51, 0, 0, 0, 0, 0, 0, 0, 34, 0}, 34);
            run(drive,
                {0x52, 0x01, 0, 0, static_cast<std::uint8_t>(track >> 8), static_cast<std::uint8_t>(track), 0, 0, 48,
                 0},
                48);
            run(drive, {0x43, 0, 0, 0, 0, 0, 0, 0x03, 0x24, 0}, 0x324);
            check_plausible(drive, "READ DISC/TRACK INFORMATION, READ TOC");
            break;
        }
        case 7: clock.advance(std::chrono::milliseconds(100) * in.byte()); break;
        }
    }
    return 0;
}

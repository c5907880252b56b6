// MODE SELECT(6)/(10) parameter lists on a fresh drive of the default profile, then MODE SENSE
// of every page in all four page controls, then the current pages sent back as they were
// reported, which a drive must accept (MMC-6 7.2: an initiator may send back what it read).
//
// An input is:
//   byte    bit 0: MODE SELECT(10) (else (6)); bit 1: SP; bit 2: PF; bit 3: a disc in the drive
//   u16     the CDB's parameter list length (independent of the bytes sent)
//   the parameter list, as the initiator sends it
#include "emulator/drive/drive.hpp"
#include "emulator/media/presets.hpp"
#include "emulator/profile/profile_loader.hpp"
#include "fuzz_input.hpp"

#include <cstdlib>
#include <vector>

namespace {

using namespace spindle;

struct Answer {
    Completion completion;
    std::vector<std::uint8_t> data;
};

Answer run(Drive& drive, std::vector<std::uint8_t> cdb, std::span<const std::uint8_t> out, std::size_t in_size) {
    Answer a;
    a.data.assign(in_size, 0xEE);
    a.completion = drive.execute(Command{cdb, out, a.data});
    if (a.completion.data_in_length > in_size) std::abort();
    a.data.resize(a.completion.data_in_length);
    return a;
}

std::uint8_t hi(std::size_t v) { return static_cast<std::uint8_t>(v >> 8); }
std::uint8_t lo(std::size_t v) { return static_cast<std::uint8_t>(v); }

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    spindle::fuzz::FuzzInput in(data, size);
    const auto flags = in.byte();
    const bool ten = flags & 1, sp = flags & 2, pf = flags & 4, disc = flags & 8;
    const std::size_t list_length = in.u16();
    const auto rest = in.rest();
    const std::vector<std::uint8_t> list(rest.begin(), rest.end()); // exactly its size: overreads are caught

    VirtualClock clock;
    Drive drive(default_profile(), clock);
    if (disc) {
        auto m = make_medium("formatted bd-re capacity=4096");
        if (!m) std::abort();
        drive.load(std::move(*m));
        clock.advance(std::chrono::seconds(10));
    }
    for (int i = 0; i < 8; ++i) run(drive, {0x00, 0, 0, 0, 0, 0}, {}, 0); // the unit attentions

    const std::uint8_t byte1 = static_cast<std::uint8_t>((pf ? 0x10 : 0) | (sp ? 0x01 : 0));
    if (ten)
        run(drive, {0x55, byte1, 0, 0, 0, 0, 0, hi(list_length), lo(list_length), 0}, list, 0);
    else
        run(drive, {0x15, byte1, 0, 0, lo(list_length), 0}, list, 0);

    for (std::uint8_t pc = 0; pc < 4; ++pc) {
        run(drive, {0x5A, 0x08, static_cast<std::uint8_t>(pc << 6 | 0x3F), 0, 0, 0, 0, 0xFF, 0xFF, 0}, {}, 65535);
        run(drive, {0x1A, 0x08, static_cast<std::uint8_t>(pc << 6 | 0x3F), 0, 0xFF, 0}, {}, 255);
    }
    // What the drive reports now, sent back: accepted, and it changes nothing.
    auto sensed = run(drive, {0x5A, 0x00, 0x3F, 0, 0, 0, 0, 0xFF, 0xFF, 0}, {}, 65535);
    if (!sensed.completion.good() || sensed.data.size() < 8) std::abort();
    auto back = sensed.data;
    back[0] = back[1] = 0; // the mode data length is reserved in MODE SELECT
    const auto sent_back = run(drive, {0x55, 0x10, 0, 0, 0, 0, 0, hi(back.size()), lo(back.size()), 0}, back, 0);
    if (!sent_back.completion.good()) std::abort();
    if (run(drive, {0x5A, 0x00, 0x3F, 0, 0, 0, 0, 0xFF, 0xFF, 0}, {}, 65535).data != sensed.data) std::abort();
    return 0;
}

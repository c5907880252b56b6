// Drive::execute with arbitrary CDBs, data-out and data-in buffers, on a drive per medium
// preset that lives across inputs (state builds up as it would on a long-running target:
// written tracks, saved pages, locked trays, timed states).
//
// An input is a sequence of commands, each:
//   byte    which drive (bits 0-6: index into `presets`, modulo); bit 7: with a fresh disc, so
//           an input that starts so runs the same whatever came before (regressions/)
//   byte    time to advance the drive's clock: n * 50 ms (becoming ready, format progress)
//   byte    CDB length (modulo 17)
//   u16     data-in capacity (the initiator's buffer, independent of the CDB's allocation length)
//   u16     data-out length (what the initiator sends, independent of the CDB's fields)
//   CDB bytes, then data-out bytes
// execute must never throw, and must never claim more data-in than the buffer it was given.
#include "emulator/drive/drive.hpp"
#include "emulator/media/presets.hpp"
#include "emulator/profile/profile_loader.hpp"
#include "fuzz_input.hpp"

#include <array>
#include <cstdlib>
#include <memory>
#include <string_view>
#include <vector>

namespace {

using namespace spindle;

constexpr std::array<std::string_view, 22> presets = {
    "none",
    "blank cd-r",
    "appendable cd-r used=300",
    "closed cd-r used=300",
    "blank cd-rw",
    "blank dvd-r",
    "appendable dvd-r used=320",
    "blank dvd-r-dl",
    "blank dvd-rw",
    "formatted dvd-rw-ro capacity=4096",
    "blank dvd+r",
    "appendable dvd+r used=320",
    "closed dvd+r used=320",
    "blank dvd+r-dl",
    "blank dvd+rw",
    "formatted dvd+rw capacity=4096",
    "formatted dvd-ram capacity=4096",
    "blank bd-r",
    "appendable bd-r used=320",
    "blank bd-re",
    "formatted bd-re capacity=4096",
    "closed bd-r used=320",
};

// After this many commands a drive gets a fresh disc, so sparse images stay small.
constexpr unsigned commands_per_disc = 20000;

struct FuzzedDrive {
    VirtualClock clock;
    std::unique_ptr<Drive> drive;
    unsigned commands = 0;
};

std::array<FuzzedDrive, presets.size()>& drives() {
    static std::array<FuzzedDrive, presets.size()> all;
    return all;
}

Drive& drive_for(std::size_t i, bool fresh) {
    auto& d = drives()[i];
    if (d.drive && d.commands < commands_per_disc && !fresh) return *d.drive;
    d.clock.set(DriveTime{0});
    d.drive = std::make_unique<Drive>(default_profile(), d.clock);
    d.commands = 0;
    if (presets[i] != "none") {
        auto medium = make_medium(presets[i]);
        if (!medium) std::abort(); // a broken preset list, not a finding
        d.drive->load(std::move(*medium));
    }
    return *d.drive;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    spindle::fuzz::FuzzInput in(data, size);
    std::vector<std::uint8_t> data_in;
    while (!in.empty()) {
        const auto choice = in.byte();
        const std::size_t which = (choice & 0x7F) % presets.size();
        const auto advance = in.byte();
        const std::size_t cdb_length = in.byte() % 17;
        const std::size_t capacity = in.u16();
        const std::size_t out_length = in.u16();
        // Copies of exactly their size: a read past either is caught, not served by the input.
        const auto cdb_bytes = in.take(cdb_length);
        const auto out_bytes = in.take(out_length);
        const std::vector<std::uint8_t> cdb(cdb_bytes.begin(), cdb_bytes.end());
        const std::vector<std::uint8_t> data_out(out_bytes.begin(), out_bytes.end());

        Drive& drive = drive_for(which, choice & 0x80);
        auto& fd = drives()[which];
        ++fd.commands;
        fd.clock.advance(std::chrono::milliseconds(50) * advance);
        data_in.assign(capacity, 0xEE);
        const Completion c = drive.execute(Command{cdb, data_out, data_in});
        if (c.data_in_length > capacity || c.residual > capacity) std::abort();
    }
    return 0;
}

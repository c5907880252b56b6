#pragma once
// A served drive on a virtual clock, steered as the control files steer it, and the commands a
// burner sends to it.
#include "emulator/media/medium_files.hpp"
#include "emulator/profile/profile_loader.hpp"
#include "emulator/targets/fusectl/drive_control.hpp"
#include "emulator/targets/served_drive.hpp"
#include "persistence/persistence_fixture.hpp"
#include "scsi/bytes.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <vector>

namespace spindle::test {

struct Served {
    VirtualClock clock;
    ServedDrive drive{"drive0", std::make_unique<Drive>(default_profile(), clock)};

    // The CDB's answer: GOOD, or its sense as "2/04/01"; `in` gets the data-in bytes.
    std::string run(std::vector<std::uint8_t> cdb, std::vector<std::uint8_t> out = {},
                    std::vector<std::uint8_t>* in = nullptr) {
        std::vector<std::uint8_t> buffer(in != nullptr ? in->size() : 0);
        const auto c = drive.execute(Command{cdb, out, buffer});
        if (in != nullptr) *in = buffer;
        if (c.good()) return "GOOD";
        char text[16];
        std::snprintf(text, sizeof text, "%X/%02X/%02X", static_cast<unsigned>(c.sense.key()), c.sense.asc(),
                      c.sense.ascq());
        return text;
    }
    // Time passes (under the drive's lock: another thread may be sending commands).
    void wait(std::chrono::seconds s) {
        drive.with([&](Drive&) { clock.advance(s); });
    }
    // The disc becomes ready and its unit attentions are consumed.
    void settle() {
        wait(std::chrono::seconds(10));
        for (int i = 0; i < 8 && run({0x00, 0, 0, 0, 0, 0}) != "GOOD"; ++i) {
        }
    }
    // The next writable address of the invisible track (READ TRACK INFORMATION, track FFh).
    std::uint32_t nwa() {
        std::vector<std::uint8_t> info(48);
        if (run({0x52, 1, 0, 0, 0, 0xFF, 0, 0, 48, 0}, {}, &info) != "GOOD") return 0;
        return scsi::get_be32(info, 12);
    }
    std::string write(std::uint32_t lba, std::uint8_t count, std::uint8_t fill) {
        const std::vector<std::uint8_t> data(std::size_t{count} * 2048, fill);
        return run({0x2A, 0, static_cast<std::uint8_t>(lba >> 24), static_cast<std::uint8_t>(lba >> 16),
                    static_cast<std::uint8_t>(lba >> 8), static_cast<std::uint8_t>(lba), 0, 0, count, 0},
                   data);
    }
    // The first byte of block `lba` as READ(10) returns it, or -1 when the READ fails.
    int first_byte(std::uint32_t lba) {
        std::vector<std::uint8_t> block(2048);
        const auto r = run({0x28, 0, static_cast<std::uint8_t>(lba >> 24), static_cast<std::uint8_t>(lba >> 16),
                            static_cast<std::uint8_t>(lba >> 8), static_cast<std::uint8_t>(lba), 0, 0, 1, 0},
                           {}, &block);
        return r == "GOOD" ? block[0] : -1;
    }
    std::uint32_t recorded() {
        return drive.with([](Drive& d) { return d.state().medium->disc.tracks[0].recorded; });
    }
};

} // namespace spindle::test

#pragma once
// A served drive on a virtual clock, steered as the control files steer it, and the commands a
// burner sends to it.
#include "emulator/media/medium_files.hpp"
#include "emulator/profile/profile_loader.hpp"
#include "emulator/targets/fusectl/drive_control.hpp"
#include "emulator/targets/served_drive.hpp"
#include "persistence/persistence_fixture.hpp"
#include "scsi/bytes.hpp"
#include "scsi/cdb.hpp"
#include "scsi/cdb_read.hpp"
#include "scsi/cdb_write.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <vector>

namespace spindle::test {

struct Served {
    VirtualClock clock;
    ServedDrive drive{"drive0", std::make_unique<Drive>(default_profile(), clock)};

    // The CDB's answer: GOOD, or its sense as "2/04/01"; `in` gets the data-in bytes.
    template <std::size_t N>
    std::string run(const scsi::CdbBytes<N>& cdb, std::vector<std::uint8_t> out = {},
                    std::vector<std::uint8_t>* in = nullptr) {
        return run(std::vector<std::uint8_t>(cdb.begin(), cdb.end()), std::move(out), in);
    }
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
        for (int i = 0; i < 8 && run(scsi::cdb::test_unit_ready()) != "GOOD"; ++i) {
        }
    }
    // The next writable address of the invisible track (READ TRACK INFORMATION, track FFh).
    std::uint32_t nwa() {
        std::vector<std::uint8_t> info(48);
        const auto cdb = scsi::cdb::read_track_information(scsi::cdb::track_address::track,
                                                           scsi::cdb::track_address::invisible_track, 48);
        if (run(cdb, {}, &info) != "GOOD") return 0;
        return scsi::get_be32(info, 12);
    }
    std::string write(std::uint32_t lba, std::uint8_t count, std::uint8_t fill) {
        const std::vector<std::uint8_t> data(std::size_t{count} * 2048, fill);
        return run(scsi::cdb::write10(lba, count), data);
    }
    // The first byte of block `lba` as READ(10) returns it, or -1 when the READ fails.
    int first_byte(std::uint32_t lba) {
        std::vector<std::uint8_t> block(2048);
        const auto r = run(scsi::cdb::read10(lba, 1), {}, &block);
        return r == "GOOD" ? block[0] : -1;
    }
    std::uint32_t recorded() {
        return drive.with([](Drive& d) { return d.state().medium->disc.tracks[0].recorded; });
    }
};

} // namespace spindle::test

#pragma once
// A ready drive (default profile, virtual clock) holding a 64-block ROM disc, with helpers to
// add fault rules in scenario syntax and to build the CDBs the tests send.
#include "read/read_fixture.hpp"

#include "emulator/faults/fault_engine.hpp"
#include "scsi/cdb_mode.hpp"
#include "scsi/cdb_read.hpp"
#include "scsi/cdb_write.hpp"

namespace spindle::test {

struct FaultDrive : ImageFile {
    explicit FaultDrive(DriveProfile profile = default_profile()) : ImageFile(64), t(std::move(profile)) {
        auto m = make_medium("rom from " + path.string());
        REQUIRE_MESSAGE(m.has_value(), (m ? std::string() : m.error()));
        t.drive.load(std::move(*m));
        t.clock.advance(std::chrono::seconds(10));
        t.settled();
    }
    faults::FaultEngine& faults() { return t.drive.faults(); }
    std::uint32_t rule(std::string_view line) {
        auto id = faults().add_rule(line);
        REQUIRE_MESSAGE(id.has_value(), (id ? std::string() : id.error().to_string()));
        return *id;
    }
    Result run(std::vector<std::uint8_t> cdb, std::size_t capacity = 4096, std::vector<std::uint8_t> out = {}) {
        return t.run(std::move(cdb), capacity, std::move(out));
    }
    template <std::size_t N>
    Result run(const scsi::CdbBytes<N>& cdb, std::size_t capacity = 4096, std::vector<std::uint8_t> out = {}) {
        return t.run(cdb, capacity, std::move(out));
    }
    Result tur() { return run(scsi::cdb::test_unit_ready(), 0); }
    Result inquiry() { return run(scsi::cdb::inquiry(36), 36); }
    Result read10(std::uint32_t lba, std::uint16_t blocks = 1) {
        return run(scsi::cdb::read10(lba, blocks), std::size_t{blocks} * 2048);
    }
    Result write10(std::uint32_t lba, std::uint16_t blocks = 1) {
        std::vector<std::uint8_t> data(std::size_t{blocks} * 2048, 0x5A);
        return run(scsi::cdb::write10(lba, blocks), 0, std::move(data));
    }
    Result mode_sense(std::uint8_t page, std::uint16_t length = 255) {
        return run(scsi::cdb::mode_sense10(page, scsi::cdb::PageControl::Current, length), length);
    }

    TestDrive t;
};

} // namespace spindle::test

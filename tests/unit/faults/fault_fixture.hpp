#pragma once
// A ready drive (default profile, virtual clock) holding a 64-block ROM disc, with helpers to
// add fault rules in scenario syntax and to build the CDBs the tests send.
#include "read/read_fixture.hpp"

#include "emulator/faults/fault_engine.hpp"

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
    Result tur() { return run({0x00, 0, 0, 0, 0, 0}, 0); }
    Result inquiry() { return run({0x12, 0, 0, 0, 36, 0}, 36); }
    Result read10(std::uint32_t lba, std::uint16_t blocks = 1) {
        return run({0x28, 0, static_cast<std::uint8_t>(lba >> 24), static_cast<std::uint8_t>(lba >> 16),
                    static_cast<std::uint8_t>(lba >> 8), static_cast<std::uint8_t>(lba), 0,
                    static_cast<std::uint8_t>(blocks >> 8), static_cast<std::uint8_t>(blocks), 0},
                   std::size_t{blocks} * 2048);
    }
    Result write10(std::uint32_t lba, std::uint16_t blocks = 1) {
        std::vector<std::uint8_t> data(std::size_t{blocks} * 2048, 0x5A);
        return run({0x2A, 0, static_cast<std::uint8_t>(lba >> 24), static_cast<std::uint8_t>(lba >> 16),
                    static_cast<std::uint8_t>(lba >> 8), static_cast<std::uint8_t>(lba), 0,
                    static_cast<std::uint8_t>(blocks >> 8), static_cast<std::uint8_t>(blocks), 0},
                   0, std::move(data));
    }
    Result mode_sense(std::uint8_t page, std::uint16_t length = 255) {
        return run({0x5A, 0x08, page, 0, 0, 0, 0, static_cast<std::uint8_t>(length >> 8),
                    static_cast<std::uint8_t>(length), 0},
                   length);
    }

    TestDrive t;
};

} // namespace spindle::test

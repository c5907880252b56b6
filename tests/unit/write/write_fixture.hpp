#pragma once
// A writer drive (the default profile: every medium, page 05h, BUF and Test Write) with a disc
// from a media preset, and the writing commands as one-line calls. `reload()` takes the disc
// out and loads it, with its store, into a new drive, as a restart of the drive would.
#include "emulator/media/presets.hpp"
#include "scsi/cdb_configuration.hpp"
#include "scsi/cdb_mode.hpp"
#include "scsi/cdb_read.hpp"
#include "scsi/cdb_write.hpp"
#include "support/test_drive.hpp"

#include <chrono>
#include <memory>

namespace spindle::test {

// Block b, byte i of what the tests write: depends on a seed, so two writes differ.
inline std::uint8_t pattern(std::uint32_t seed, std::uint32_t block, std::uint32_t i) {
    return static_cast<std::uint8_t>((seed * 31 + block * 7 + i) & 0xFF);
}
inline std::vector<std::uint8_t> pattern_blocks(std::uint32_t seed, std::uint32_t first, std::uint32_t count) {
    std::vector<std::uint8_t> out(std::size_t{count} * 2048);
    for (std::uint32_t b = 0; b < count; ++b)
        for (std::uint32_t i = 0; i < 2048; ++i) out[std::size_t{b} * 2048 + i] = pattern(seed, first + b, i);
    return out;
}

inline std::vector<std::uint8_t> be32_bytes(std::uint32_t v) {
    return bytes({static_cast<int>(v >> 24), static_cast<int>((v >> 16) & 0xFF), static_cast<int>((v >> 8) & 0xFF),
                  static_cast<int>(v & 0xFF)});
}

struct Writer {
    explicit Writer(std::string_view preset, TimingMode mode = TimingMode::Fast) : timing(mode) {
        auto m = make_medium(preset);
        REQUIRE_MESSAGE(m.has_value(), (m ? std::string() : m.error()));
        load(std::move(*m));
    }
    // A drive of another profile.
    Writer(std::string_view preset, DriveProfile p) : timing(TimingMode::Fast), profile(std::move(p)) {
        auto m = make_medium(preset);
        REQUIRE_MESSAGE(m.has_value(), (m ? std::string() : m.error()));
        load(std::move(*m));
    }

    void load(std::unique_ptr<Medium> m) {
        DriveOptions options;
        options.timing = timing;
        t = std::make_unique<TestDrive>(profile, options);
        t->settled();
        t->drive.load(std::move(m));
        t->clock.advance(std::chrono::seconds(10));
        t->run(scsi::cdb::test_unit_ready()); // the drive notices it is ready: 6/28/00
        t->settled();
    }
    // The disc leaves this drive and is loaded into a new one.
    void reload() {
        t->drive.open_tray();
        auto m = t->drive.take_medium();
        REQUIRE(m != nullptr);
        load(std::move(m));
    }

    Result run(std::vector<std::uint8_t> cdb, std::size_t capacity = 0, std::vector<std::uint8_t> out = {}) {
        return t->run(std::move(cdb), capacity, std::move(out));
    }
    template <std::size_t N>
    Result run(const scsi::CdbBytes<N>& cdb, std::size_t capacity = 0, std::vector<std::uint8_t> out = {}) {
        return t->run(cdb, capacity, std::move(out));
    }
    // WRITE(10), or the WRITE(12) / WRITE AND VERIFY(10) named, of `count` pattern blocks.
    Result write(std::uint32_t lba, std::uint32_t count, std::uint32_t seed = 1,
                 scsi::Opcode opcode = scsi::Opcode::Write10) {
        auto data = pattern_blocks(seed, lba, count);
        const auto blocks = static_cast<std::uint16_t>(count);
        if (opcode == scsi::Opcode::Write12) return run(scsi::cdb::write12(lba, count), 0, std::move(data));
        if (opcode == scsi::Opcode::WriteAndVerify10)
            return run(scsi::cdb::write_and_verify10(lba, blocks), 0, std::move(data));
        return run(scsi::cdb::write10(lba, blocks), 0, std::move(data));
    }
    Result read(std::uint32_t lba, std::uint32_t count) {
        return run(scsi::cdb::read10(lba, static_cast<std::uint16_t>(count)), std::size_t{count} * 2048);
    }
    // Whether READ(10) returns exactly what write(lba, count, seed) sent.
    bool reads_back(std::uint32_t lba, std::uint32_t count, std::uint32_t seed = 1) {
        const auto r = read(lba, count);
        return r.good() && r.data == pattern_blocks(seed, lba, count);
    }
    Result sync(bool immed = false) { return run(scsi::cdb::synchronize_cache(immed)); }
    Result close(std::uint8_t function, std::uint16_t track = 0, bool immed = false) {
        return run(scsi::cdb::close_track_session(function, track, immed));
    }
    Result reserve(std::uint32_t blocks) { return run(scsi::cdb::reserve_track(blocks)); }
    Result blank(std::uint8_t type, bool immed = false, std::uint32_t address = 0) {
        return run(scsi::cdb::blank(type, immed, address));
    }
    // FORMAT UNIT with FmtData, format code 001b and one descriptor; `flags` is header byte 1.
    Result format(std::uint8_t type, std::uint32_t blocks, std::uint32_t parameter = 0, std::uint8_t subtype = 0,
                  std::uint8_t flags = 0) {
        auto n = be32_bytes(blocks);
        auto list = bytes({0, flags, 0, 8, n[0], n[1], n[2], n[3], (type << 2) | subtype,
                           static_cast<int>((parameter >> 16) & 0xFF), static_cast<int>((parameter >> 8) & 0xFF),
                           static_cast<int>(parameter & 0xFF)});
        return run(scsi::cdb::format_unit(), 0, list);
    }
    Result test_unit_ready() { return run(scsi::cdb::test_unit_ready()); }

    std::vector<std::uint8_t> disc_information() { return run(scsi::cdb::read_disc_information(34), 34).data; }
    std::vector<std::uint8_t> track_information(std::uint8_t type, std::uint32_t address) {
        return run(scsi::cdb::read_track_information(type, address, 48), 48).data;
    }
    std::uint32_t capacity() {
        const auto r = run(scsi::cdb::read_capacity(), 8);
        return scsi::get_be32(r.data, 0);
    }
    std::uint16_t current_profile() {
        const auto r = run(scsi::cdb::get_configuration(scsi::cdb::rt::one, 0, 8), 8);
        return scsi::get_be16(r.data, 6);
    }

    // Page 05h as MODE SENSE(10) reports it, changed by `edit`, sent back with MODE SELECT(10).
    template <typename Edit>
    Result set_write_parameters(Edit edit) {
        const auto sensed = run(scsi::cdb::mode_sense10(0x05, scsi::cdb::PageControl::Current, 255, false), 255);
        REQUIRE(sensed.good());
        std::vector<std::uint8_t> list(8, 0);
        list.insert(list.end(), sensed.data.begin() + 8, sensed.data.end());
        list[8] &= 0x3F;
        edit(std::span<std::uint8_t>(list).subspan(8));
        return run(scsi::cdb::mode_select10(static_cast<std::uint16_t>(list.size())), 0, list);
    }
    // Write type, multi-session and test write in one call (MMC-6 table 649 bytes 2 and 3).
    Result set_write_mode(std::uint8_t write_type, std::uint8_t multi_session = 0, bool test_write = false) {
        return set_write_parameters([&](std::span<std::uint8_t> p) {
            p[2] = static_cast<std::uint8_t>((p[2] & 0xE0) | (test_write ? 0x10 : 0) | write_type);
            p[3] = static_cast<std::uint8_t>((p[3] & 0x3F) | (multi_session << 6));
        });
    }

    const Disc& disc() const { return t->drive.state().medium->disc; }

    TimingMode timing;
    DriveProfile profile = default_profile();
    std::unique_ptr<TestDrive> t;
};

} // namespace spindle::test

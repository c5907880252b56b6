#pragma once
// The default drive (virtual clock) with a disc from a media preset, a DiscRecorder on it
// through a TracedTransport, and what the tests need around DataWriter: generated images, a
// reload of the disc into a new drive, reads, and the command sequence of the last burn.
#include "bridge/emu_name.hpp"
#include "bridge/emulated_transport.hpp"
#include "recorder/data_writer.hpp"
#include "recorder/disc_eraser.hpp"
#include "recorder/transport/traced_transport.hpp"
#include "scsi/opcode.hpp"

#include <doctest/doctest.h>

#include <stdexcept>

namespace spindle::test {

using namespace spindle::recorder;
using scsi::Opcode;

// Every recordable medium of the default profile, as the preset that makes it writable.
inline const std::vector<std::string>& recordable_presets() {
    static const std::vector<std::string> presets{
        "blank cd-r",     "blank cd-rw",  "blank dvd-r",       "blank dvd-r-dl",      "blank dvd-rw", "blank dvd+r",
        "blank dvd+r-dl", "blank dvd+rw", "formatted dvd-ram", "formatted dvd-rw-ro", "blank bd-r",   "blank bd-re"};
    return presets;
}
// The sequential media on which another session can follow.
inline const std::vector<std::string>& multisession_presets() {
    static const std::vector<std::string> presets{"blank cd-r",   "blank cd-rw", "blank dvd-r",    "blank dvd-r-dl",
                                                  "blank dvd-rw", "blank dvd+r", "blank dvd+r-dl", "blank bd-r"};
    return presets;
}

inline std::vector<std::uint8_t> image(std::size_t bytes, std::uint32_t seed = 1) {
    std::vector<std::uint8_t> out(bytes);
    fill_pattern(out, 0, seed);
    return out;
}

struct BurnRig {
    explicit BurnRig(const std::string& preset) {
        auto d = make_emulated_device(EmulatorSpec{"", preset}, ClockKind::Virtual);
        if (!d) throw std::runtime_error(d.error().to_string());
        attach(*d);
    }

    void attach(std::shared_ptr<EmulatedDevice> d) {
        recorder.reset();
        device = std::move(d);
        auto t = EmulatedTransport::open(device);
        REQUIRE(t);
        auto traced = std::make_unique<TracedTransport>(std::move(*t));
        trace = traced.get();
        auto r = DiscRecorder::attach(std::move(traced));
        if (!r) throw std::runtime_error(r.error().to_string());
        recorder = std::move(*r);
    }

    // The disc leaves this drive and goes into a new one, as after a restart.
    void reload() {
        device->drive().open_tray();
        auto m = device->drive().take_medium();
        REQUIRE(m != nullptr);
        auto other = std::make_shared<EmulatedDevice>(device->drive().profile(), ClockKind::Virtual);
        other->drive().load(std::move(m));
        other->virtual_clock()->advance(other->drive().profile().timings.becoming_ready);
        attach(other);
    }

    DataWriter writer() { return DataWriter(*recorder); }

    Result<WriteResult> burn(const std::vector<std::uint8_t>& bytes, bool verify = true, bool close = false) {
        DataWriter w(*recorder);
        w.set_verify(verify);
        w.set_force_media_to_be_closed(close);
        auto s = memory_stream(bytes);
        return w.write(*s);
    }

    std::vector<std::uint8_t> read(std::uint32_t lba, std::size_t bytes) {
        std::vector<std::uint8_t> out((bytes + 2047) / 2048 * 2048);
        auto r = recorder->ex().read_blocks(lba, out);
        if (!r) FAIL_CHECK(r.error().to_string());
        out.resize(bytes);
        return out;
    }

    MediaProbe probe() {
        auto p = probe_media(recorder->ex());
        if (!p) throw std::runtime_error(p.error().to_string());
        return *p;
    }

    // Opcodes of the commands since the last clear(), runs folded, progress polls left out.
    std::vector<scsi::Opcode> sequence() const {
        std::vector<scsi::Opcode> out;
        for (const auto& c : trace->commands()) {
            const auto op = static_cast<scsi::Opcode>(c.cdb[0]);
            if (op == scsi::Opcode::ReadBufferCapacity || op == scsi::Opcode::TestUnitReady ||
                op == scsi::Opcode::RequestSense)
                continue; // buffer polls, unit polls
            if (out.empty() || out.back() != op) out.push_back(op);
        }
        return out;
    }
    std::vector<TracedCommand> commands(scsi::Opcode opcode) const {
        std::vector<TracedCommand> out;
        for (const auto& c : trace->commands())
            if (c.cdb[0] == static_cast<std::uint8_t>(opcode)) out.push_back(c);
        return out;
    }
    bool sent(scsi::Opcode opcode) const { return !commands(opcode).empty(); }

    std::shared_ptr<EmulatedDevice> device;
    TracedTransport* trace = nullptr;
    std::unique_ptr<DiscRecorder> recorder;
};

inline std::string hr_name(const Error& e) { return e.name(); }

} // namespace spindle::test

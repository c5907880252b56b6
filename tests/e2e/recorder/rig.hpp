#pragma once
// An emulated drive (default profile unless given, virtual clock) with a DiscRecorder on it.
#include "bridge/emu_name.hpp"
#include "bridge/emulated_transport.hpp"
#include "recorder/disc_recorder.hpp"
#include "recorder/page_buffer.hpp"
#include "scsi/cdb_mechanism.hpp"
#include "scsi/cdb_mode.hpp"
#include "scsi/cdb_read.hpp"
#include "scsi/opcode.hpp"

#include "emulator/profile/profile_loader.hpp"

#include <doctest/doctest.h>

#include <stdexcept>

namespace spindle::test {

using namespace spindle::recorder;
using scsi::Opcode;

inline DriveProfile yaml_profile(std::string_view yaml) {
    auto p = load_profile_text(yaml, "<test>");
    if (!p) throw std::runtime_error(p.error().to_string());
    return *p;
}

struct Rig {
    explicit Rig(std::string media = "blank dvd+r", std::optional<DriveProfile> profile = std::nullopt) {
        auto d = make_emulated_device(EmulatorSpec{"", media}, ClockKind::Virtual);
        if (!d) throw std::runtime_error(d.error().to_string());
        device = *d;
        if (profile) { // the same disc in another drive
            auto other = std::make_shared<EmulatedDevice>(*profile, ClockKind::Virtual);
            if (media != "none") REQUIRE(load_preset(*other, media));
            other->virtual_clock()->advance(other->drive().profile().timings.becoming_ready);
            device = other;
        }
        auto t = EmulatedTransport::open(device);
        REQUIRE(t);
        transport = t->get();
        auto r = DiscRecorder::attach(std::move(*t));
        if (!r) throw std::runtime_error(r.error().to_string());
        recorder = std::move(*r);
    }
    DiscRecorderEx& ex() { return recorder->ex(); }
    const DriveProfile& profile() { return device->drive().profile(); }
    // Raw commands see unit attentions; consume them as a careful host does.
    void settle() {
        const std::array<std::uint8_t, 6> tur{};
        for (int i = 0; i < 4; ++i) {
            auto o = ex().send_command_no_data(tur, 10);
            REQUIRE(o);
            if (o->hr == hr::s_ok || (o->sense[2] & 0x0F) != 0x6) return;
        }
    }

    std::shared_ptr<EmulatedDevice> device;
    EmulatedTransport* transport = nullptr;
    std::unique_ptr<DiscRecorder> recorder;
};

inline std::vector<std::uint8_t> raw_in(Rig& rig, std::span<const std::uint8_t> cdb, std::size_t n) {
    std::vector<std::uint8_t> buf(n);
    auto o = rig.ex().send_command_get_data_from_device(cdb, 10, buf);
    REQUIRE(o);
    REQUIRE(o->hr == hr::s_ok);
    buf.resize(o->bytes_fetched);
    return buf;
}

// A fault rule (emulator/faults) added to a rig's drive (Rig, BurnRig); the test stops on a bad rule.
template <class AnyRig>
void add_rule(AnyRig& rig, std::string_view line) {
    auto id = rig.device->drive().faults().add_rule(line);
    REQUIRE_MESSAGE(id.has_value(), (id ? std::string() : id.error().to_string()));
}

} // namespace spindle::test

#pragma once
// A TcmuDevice over a RingBuilder's ring in memory, serving the default drive on a virtual
// clock: what the device tests drive, and what they read back from the ring's slots.
#include "support/served_drive_rules.hpp"
#include "tcmu_ring/ring_builder.hpp"

#include "emulator/profile/profile_loader.hpp"
#include "emulator/targets/tcmu/tcmu_device.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace spindle::test {

inline const std::vector<std::uint8_t> tur_cdb = {0x00, 0, 0, 0, 0, 0};
inline const std::vector<std::uint8_t> read_buffer_capacity_cdb = {0x5C, 0, 0, 0, 0, 0, 0, 0, 12, 0};

struct DeviceRig {
    RingBuilder ring;
    VirtualClock clock;
    ServedDrive drive{"drive0", std::make_unique<Drive>(default_profile(), clock)};
    int gone_calls = 0;
    bool gone_throws = false; // the owner's removal of the LUN fails
    std::vector<std::string> log;
    std::optional<tcmu::TcmuDevice> device;

    explicit DeviceRig(std::uint32_t cmdr_size = 1024, std::size_t data_size = 16384) : ring(cmdr_size, data_size) {
        auto d = tcmu::TcmuDevice::open(
            drive, tcmu::UioRing::in_memory(ring.bytes(), "uio-test"),
            [this](const std::string& s) { log.push_back(s); },
            [this] {
                ++gone_calls;
                if (gone_throws) throw std::runtime_error("configfs: device busy");
            });
        REQUIRE(d.has_value());
        device.emplace(std::move(*d));
    }
    void add_rule(std::string_view line) { test::add_rule(drive, line); }
    // The kernel queued entries: the device takes them and delivers what is due.
    void serve() {
        device->on_readable();
        device->deliver_due();
    }
    std::uint32_t tail() { return tcmu::mailbox_tail(ring.bytes()); }
    std::uint16_t id_at(std::uint32_t slot) const {
        return ring.get<std::uint16_t>(RingBuilder::cmdr_off + slot + offsetof(tcmu_cmd_entry_hdr, cmd_id));
    }
    std::uint8_t status_at(std::uint32_t slot) const {
        return ring.get<std::uint8_t>(RingBuilder::cmdr_off + slot + offsetof(tcmu_cmd_entry, rsp.scsi_status));
    }
    std::uint8_t sense_at(std::uint32_t slot, std::size_t byte) const {
        return ring.get<std::uint8_t>(RingBuilder::cmdr_off + slot + offsetof(tcmu_cmd_entry, rsp.sense_buffer) + byte);
    }
    // CHECK CONDITION with HARDWARE ERROR, INTERNAL TARGET FAILURE: the command failed, not the ring.
    bool failed_internally(std::uint32_t slot) const {
        return status_at(slot) == 0x02 && (sense_at(slot, 2) & 0x0F) == 0x04 && sense_at(slot, 12) == 0x44 &&
               sense_at(slot, 13) == 0x00;
    }
};

} // namespace spindle::test

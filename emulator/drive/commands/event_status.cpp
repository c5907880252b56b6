// GET EVENT STATUS NOTIFICATION (MMC-6 6.7), polled only. Supported classes: operational
// change, power management, media and device busy (56h, as most writers report). Operational
// change events are Feature Changes, posted whenever the current profile or a feature's
// Current bit changes (transitions::note_feature_change). The
// highest-priority (lowest-numbered) requested class with a pending event is reported and
// that event consumed; with none pending, the highest-priority requested class reports
// "no change" with its current status.
#include "emulator/drive/commands/handlers.hpp"
#include "emulator/drive/commands/reply.hpp"
#include "emulator/drive/transitions.hpp"
#include "scsi/cdb_configuration.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <optional>

namespace spindle::handlers {

namespace {

constexpr std::array supported_classes{EventClass::OperationalChange, EventClass::PowerManagement, EventClass::Media,
                                       EventClass::DeviceBusy};

constexpr std::uint8_t supported_mask() {
    std::uint8_t m = 0;
    for (auto c : supported_classes) m = static_cast<std::uint8_t>(m | event_class_bit(c));
    return m;
}

// Operational status (operational change descriptor byte 1 bits 3-0).
namespace operational_status {
constexpr std::uint8_t available = 0x0;
constexpr std::uint8_t temporary_busy = 0x1;
constexpr std::uint8_t extended_busy = 0x2;
} // namespace operational_status

// Device busy status (device busy descriptor byte 1).
namespace busy_status {
constexpr std::uint8_t not_busy = 0x0;
constexpr std::uint8_t immediate = 0x2;
} // namespace busy_status

// One class's 4-byte event descriptor (MMC-6 6.7.2) and whether it consumed an event.
struct Descriptor {
    std::array<std::uint8_t, 4> bytes{};
    bool pending = false;
};

Descriptor operational_change(const DriveState& s) {
    Descriptor d;
    OperationalEvent e{event_code::no_change, operational_report::none};
    if (!s.events.operational_change.empty()) {
        e = s.events.operational_change.front();
        d.pending = true;
    }
    std::uint8_t status = operational_status::available;
    if (s.medium_present() && s.condition.kind == MediumCondition::BecomingReady)
        status = operational_status::temporary_busy;
    else if (transitions::long_operation_running(s))
        status = operational_status::extended_busy;
    d.bytes[0] = e.code & 0x0F;
    d.bytes[1] = static_cast<std::uint8_t>((s.persistent_prevent ? 0x80 : 0x00) | status);
    scsi::put_be16(d.bytes, 2, e.report);
    return d;
}

Descriptor power_management(const DriveState& s) {
    Descriptor d;
    if (!s.events.power_management.empty()) {
        d.bytes[0] = s.events.power_management.front() & 0x0F;
        d.pending = true;
    }
    d.bytes[1] = static_cast<std::uint8_t>(s.events.power_status);
    return d;
}

// Media Status: Media Present whenever a disc sits in the closed drive, readable or not (an
// upside-down disc is present although TEST UNIT READY says there is no medium).
Descriptor media(const DriveState& s) {
    Descriptor d;
    if (!s.events.media.empty()) {
        d.bytes[0] = s.events.media.front() & 0x0F;
        d.pending = true;
    }
    d.bytes[1] = static_cast<std::uint8_t>((s.medium_present() ? 0x02 : 0x00) | (s.tray_open ? 0x01 : 0x00));
    return d; // start and end slot 0: not a changer
}

// Device busy: no events are queued; the status says whether a long operation the host
// started with Immed is still running, and the time field how long it still needs.
Descriptor device_busy(const DriveState& s) {
    Descriptor d;
    if (transitions::long_operation_running(s)) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(s.condition.until - s.now());
        const auto tenths = std::clamp<std::int64_t>((left.count() + 99) / 100, 0, 0xFFFF);
        d.bytes[1] = busy_status::immediate;
        scsi::put_be16(d.bytes, 2, static_cast<std::uint16_t>(tenths));
    } else {
        d.bytes[1] = busy_status::not_busy;
    }
    return d;
}

Descriptor describe(const DriveState& s, EventClass c) {
    switch (c) {
    case EventClass::OperationalChange: return operational_change(s);
    case EventClass::PowerManagement: return power_management(s);
    case EventClass::Media: return media(s);
    default: return device_busy(s);
    }
}

void consume(DriveState& s, EventClass c) {
    switch (c) {
    case EventClass::OperationalChange: s.events.operational_change.pop_front(); break;
    case EventClass::PowerManagement: s.events.power_management.pop_front(); break;
    case EventClass::Media: s.events.media.pop_front(); break;
    default: break;
    }
}

} // namespace

Completion get_event_status_notification(DriveState& s, const Command& cmd) {
    const scsi::GetEventStatusNotificationCdb cdb(cmd.cdb);
    if (!cdb.polled()) return reply_check(scsi::sense::invalid_field_in_cdb(1, 0)); // no asynchronous mode

    // MMC-6 6.7, Event Status Notification header: descriptor length, NEA | class, supported.
    scsi::Bytes out;
    scsi::ByteWriter w(out);
    std::optional<EventClass> reported;
    Descriptor descriptor;
    for (auto c : supported_classes) {
        if ((cdb.class_request() & event_class_bit(c)) == 0) continue;
        auto d = describe(s, c);
        if (!reported || (d.pending && !descriptor.pending)) {
            reported = c;
            descriptor = d;
        }
        if (d.pending) break;
    }
    if (!reported) {
        w.be16(2).u8(0x80).u8(supported_mask()); // NEA: no requested class is supported
        return reply_data(cmd, out, cdb.allocation_length());
    }
    w.be16(6).u8(static_cast<std::uint8_t>(*reported)).u8(supported_mask()).bytes(descriptor.bytes);
    Completion c = reply_data(cmd, out, cdb.allocation_length());
    // An event counts as reported only when the host received its whole descriptor.
    if (descriptor.pending && c.data_in_length == out.size()) consume(s, *reported);
    return c;
}

} // namespace spindle::handlers

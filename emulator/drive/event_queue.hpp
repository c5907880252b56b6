#pragma once
// Events waiting for GET EVENT STATUS NOTIFICATION (MMC-6 6.7), one queue per class. The
// state machine posts them; the GESN handler reports and consumes them, oldest first.
#include <cstdint>
#include <deque>

namespace spindle {

// Notification classes: the class number (header byte 2) and its bit in the request and
// supported-classes masks (CDB byte 4, header byte 3): MMC-6 6.7, Notification Class field.
enum class EventClass : std::uint8_t {
    OperationalChange = 1,
    PowerManagement = 2,
    ExternalRequest = 3,
    Media = 4,
    MultipleHosts = 5,
    DeviceBusy = 6,
};
constexpr std::uint8_t event_class_bit(EventClass c) {
    return static_cast<std::uint8_t>(1u << static_cast<unsigned>(c));
}

// Event codes of each class's event descriptor byte 0 (MMC-6 6.7.2).
namespace event_code {
inline constexpr std::uint8_t no_change = 0x00;
inline constexpr std::uint8_t op_change_requested = 0x01;
inline constexpr std::uint8_t op_change_occurred = 0x02;
inline constexpr std::uint8_t power_change_succeeded = 0x01;
inline constexpr std::uint8_t power_change_failed = 0x02;
inline constexpr std::uint8_t media_eject_request = 0x01;
inline constexpr std::uint8_t media_new_media = 0x02;
inline constexpr std::uint8_t media_removal = 0x03;
inline constexpr std::uint8_t media_changed = 0x04;
inline constexpr std::uint8_t media_bg_format_completed = 0x05;
inline constexpr std::uint8_t media_bg_format_restarted = 0x06;
} // namespace event_code

// Operational report, bytes 2-3 of the operational change descriptor (MMC-6 6.7.2).
namespace operational_report {
inline constexpr std::uint16_t none = 0x0000;
inline constexpr std::uint16_t feature_change = 0x0001;
inline constexpr std::uint16_t feature_added = 0x0002;
inline constexpr std::uint16_t unit_reset = 0x0003;
inline constexpr std::uint16_t firmware_changed = 0x0004;
inline constexpr std::uint16_t inquiry_changed = 0x0005;
} // namespace operational_report

struct OperationalEvent {
    std::uint8_t code = event_code::op_change_occurred;
    std::uint16_t report = operational_report::none;
};

// Power status, byte 1 of the power management descriptor (MMC-6 6.7.2).
enum class PowerStatus : std::uint8_t { Active = 1, Idle = 2, Standby = 3, Sleep = 4 };

struct EventQueues {
    // A host that never polls must not make the drive grow without bound: beyond this many
    // pending events of one class the oldest is dropped.
    static constexpr std::size_t max_pending = 16;

    std::deque<OperationalEvent> operational_change;
    std::deque<std::uint8_t> power_management;
    std::deque<std::uint8_t> media;
    PowerStatus power_status = PowerStatus::Active;

    void post_operational(OperationalEvent e) { push(operational_change, e); }
    void post_power(std::uint8_t code) { push(power_management, code); }
    void post_media(std::uint8_t code) { push(media, code); }

private:
    template <typename T>
    static void push(std::deque<T>& q, T v) {
        if (q.size() >= max_pending) q.pop_front();
        q.push_back(v);
    }
};

} // namespace spindle

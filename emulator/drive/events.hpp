#pragma once
// Events waiting for GET EVENT STATUS NOTIFICATION (MMC-6 6.7), one queue per class. The
// state machine posts them; the GESN handler reports and consumes them.
#include <cstdint>
#include <deque>

namespace spindle {

// MMC-6 table 145 (operational change), 148 (power management), 152 (media) event codes.
namespace event_code {
inline constexpr std::uint8_t op_change_feature_change = 0x02;
inline constexpr std::uint8_t power_change_succeeded = 0x02;
inline constexpr std::uint8_t media_eject_request = 0x01;
inline constexpr std::uint8_t media_new_media = 0x02;
inline constexpr std::uint8_t media_removal = 0x03;
inline constexpr std::uint8_t media_changed = 0x04;
inline constexpr std::uint8_t media_bg_format_completed = 0x05;
inline constexpr std::uint8_t media_bg_format_restarted = 0x06;
} // namespace event_code

// Power status, MMC-6 table 149.
enum class PowerStatus : std::uint8_t { Active = 1, Idle = 2, Standby = 3, Sleep = 4 };

struct EventQueues {
    std::deque<std::uint8_t> operational_change;
    std::deque<std::uint8_t> power_management;
    std::deque<std::uint8_t> media;
    PowerStatus power_status = PowerStatus::Active;
};

} // namespace spindle

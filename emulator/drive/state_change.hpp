#pragma once
// Changes of the drive's state that a person, a fault rule or a scenario asks for, now or at a
// time on the drive's clock: the drive runs them (transitions.hpp), whoever posted them.
#include "emulator/timing/clock.hpp"

#include <cstdint>

namespace spindle {

enum class StateKind : std::uint8_t {
    BecomingReady,    // 2/04/01, then 6/28/00 as after a load
    FormatInProgress, // 2/04/04 with progress
    LongWrite,        // 2/04/08 with progress
    Busy,             // 2/04/07 with progress (closing a session)
    UpsideDown,       // the profile's quirk sense; GESN still reports the disc
    Incompatible,     // 2/30/00
    NoMedium,         // the disc is taken out; it comes back (and loads) when the time is up
    TrayOpen,         // the tray opens; it closes (and loads) when the time is up
    Locked,           // another initiator reserves the drive: RESERVATION CONFLICT
};

// A condition that lasts until something changes it (Drive::set_condition, change_state).
inline constexpr Duration forever = Duration::max();

// At `at`, the state changes for `duration` (0: until something changes it), or, with
// `restore`, a change made earlier ends (the tray closes, the disc comes back).
struct ScheduledChange {
    DriveTime at{0};
    StateKind kind = StateKind::BecomingReady;
    Duration duration{0};
    bool restore = false;
};

} // namespace spindle

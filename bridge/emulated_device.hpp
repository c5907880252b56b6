#pragma once
// An in-process emulated drive that several EmulatedTransports may open, as several programs
// open one /dev/sr0: it owns the Drive and its clock and keeps the open/exclusive count.
#include "emulator/drive/drive.hpp"
#include "recorder/transport/device_name.hpp"

#include <memory>
#include <optional>
#include <string>

namespace spindle::recorder {

class EmulatedDevice {
public:
    EmulatedDevice(DriveProfile profile, ClockKind clock_kind);
    EmulatedDevice(const EmulatedDevice&) = delete;
    EmulatedDevice& operator=(const EmulatedDevice&) = delete;

    Drive& drive() { return drive_; }
    Clock& clock() { return *clock_; }
    VirtualClock* virtual_clock() { return virtual_; } // nullptr for a real clock
    // Waits until `t` on the drive's clock (advances a virtual clock, sleeps on a real one).
    void wait_until(DriveTime t);

    // Open bookkeeping, with sg semantics: O_EXCL fails while anyone else has it open, and
    // nobody opens it while it is held exclusively.
    int openers = 0;
    int exclusive_holder = 0;    // opener id, 0 = none
    std::string exclusive_owner; // client name given by the holder
    int next_opener_id = 1;

private:
    std::unique_ptr<Clock> clock_;
    VirtualClock* virtual_ = nullptr;
    Drive drive_;
};

} // namespace spindle::recorder

#pragma once
// The one interface between targets and the drive model: all MMC behaviour lives behind
// Drive::execute (README.md, "One rule shapes the code").
#include "emulator/timing/clock.hpp"
#include "scsi/bytes.hpp"
#include "scsi/sense.hpp"

#include <cstdint>
#include <span>

namespace spindle {

// SAM-5 table 39. RESERVATION CONFLICT: another initiator holds the logical unit.
enum class ScsiStatus : std::uint8_t { Good = 0x00, CheckCondition = 0x02, Busy = 0x08, ReservationConflict = 0x18 };

// Whether the completion reaches the initiator at all. Set only by the fault engine
// (emulator/faults); targets honour it: Never - the command hangs and the initiator's timeout
// fires (SG_IO DID_TIME_OUT); DeviceGone - the target removes the device and the command ends
// as DID_NO_CONNECT (later commands too).
enum class Delivery : std::uint8_t { Normal, Never, DeviceGone };

struct Command {
    std::span<const std::uint8_t> cdb;      // 6..16 bytes
    std::span<const std::uint8_t> data_out; // bytes the initiator sent
    // The initiator's data-in buffer; its size is the data-in capacity. The drive writes its
    // answer here directly, so a READ costs one copy from the medium to the initiator.
    std::span<std::uint8_t> data_in;
};

struct Completion {
    ScsiStatus status = ScsiStatus::Good;
    scsi::SenseData sense;          // meaningful when status == CheckCondition
    std::size_t data_in_length = 0; // bytes placed at the start of Command::data_in
    std::size_t residual = 0;       // data_in.size() - data_in_length
    DriveTime busy_until{0};        // the answer may not be delivered before this time
    Delivery delivery = Delivery::Normal;

    bool good() const { return status == ScsiStatus::Good; }
    static Completion check_condition(scsi::SenseData s) {
        Completion c;
        c.status = ScsiStatus::CheckCondition;
        c.sense = s;
        return c;
    }
};

} // namespace spindle

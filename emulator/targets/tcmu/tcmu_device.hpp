#pragma once
// One drive behind one TCMU ring: takes commands off the ring, runs them on the Drive, and
// completes each at its busy_until. Never blocks: the server's loop calls it when the ring's
// fd is readable and when the next completion is due.
//
// Completion::delivery (emulator/drive/command.hpp) is honoured as a real device would:
// - Never: the command is held, unanswered, until the kernel's task management names it
//   (the initiator's timeout fired and it aborted the command: ABORT TASK, LUN RESET); it is
//   then ended with TASK ABORTED, as is a command whose answer was still waiting. Other
//   commands keep flowing meanwhile (the ring completes out of order).
// - DeviceGone: the device has vanished from its target. This command and every later one
//   (and any held or waiting) end at once with 5/25/00 LOGICAL UNIT NOT SUPPORTED, what LIO
//   answers for a LUN that is no longer there, and `on_gone` tells the owner, who removes the
//   LUN and the backstore: the kernel then sees the device go (sr and sg nodes disappear).
#include "emulator/drive/drive.hpp"
#include "emulator/targets/served_drive.hpp"
#include "emulator/targets/tcmu/ring.hpp"
#include "emulator/targets/tcmu/uio_ring.hpp"

#include <array>
#include <cstdint>
#include <expected>
#include <functional>
#include <optional>
#include <queue>
#include <string>
#include <vector>

namespace spindle::tcmu {

using Log = std::function<void(const std::string&)>;

struct DeviceStats {
    std::uint64_t commands = 0;
    std::uint64_t completions = 0;
    std::uint64_t task_management = 0; // TMR entries seen (commands the kernel aborted)
    std::uint64_t aborted = 0;         // commands ended because task management named them
    std::uint64_t data_in_bytes = 0;
};

class TcmuDevice {
public:
    // Called once, from the serving thread, when the drive vanished (a fault's DeviceGone).
    using GoneHandler = std::function<void()>;

    static std::expected<TcmuDevice, std::string> open(ServedDrive& drive, UioRing ring, Log log,
                                                       GoneHandler on_gone = {});

    int fd() const { return ring_.fd(); }
    const std::string& name() const { return ring_.name(); }
    bool alive() const { return alive_; }
    bool gone() const { return gone_; }
    // Commands held without an answer (Delivery::Never) until the kernel aborts them.
    std::size_t held() const { return held_.size(); }
    const DeviceStats& stats() const { return stats_; }

    // The ring's fd is readable: run the commands the kernel queued. Never throws: a command
    // that fails (an exception, a malformed entry body) is answered with HARDWARE ERROR, and a
    // ring that can no longer be followed (a bad head, an unreadable entry header) stops being
    // served (alive() turns false).
    void on_readable() noexcept;
    // Delivers every completion that is due. Returns how long until the next one is due.
    std::optional<Duration> deliver_due() noexcept;

private:
    struct Pending {
        DriveTime due;
        std::uint64_t sequence; // keeps equal times in arrival order
        std::uint16_t cmd_id;
        std::uint8_t status; // SAM-5 status byte
        std::array<std::uint8_t, scsi::SenseData::fixed_length> sense;
        std::optional<std::uint32_t> read_len;
        bool operator>(const Pending& o) const { return due != o.due ? due > o.due : sequence > o.sequence; }
    };

    TcmuDevice(ServedDrive& drive, UioRing ring, RingLayout layout, Log log, GoneHandler on_gone);
    void take_entries();
    std::optional<Duration> deliver();
    void run(const RingEntry& entry);
    // This command ends now with CHECK CONDITION, 4/44/00 INTERNAL TARGET FAILURE.
    void fail_command(std::uint16_t cmd_id, const std::string& why);
    void push(Pending p);
    // Task management named these commands: whatever of them is held or waiting ends now.
    void abort(const std::vector<std::uint16_t>& ids);
    // The drive vanished: everything outstanding ends now with 5/25/00.
    void vanish();
    void fail(const std::string& why) noexcept;
    void say(const std::string& what) noexcept; // to log_, which may throw

    ServedDrive* drive_;
    UioRing ring_;
    RingLayout layout_;
    Log log_;
    GoneHandler on_gone_;
    std::uint32_t next_ = 0; // the next entry to read
    std::uint32_t tail_ = 0; // where the next response goes
    std::uint64_t sequence_ = 0;
    DriveTime last_due_{0}; // in-order rings only: no completion before an earlier one
    bool alive_ = true;
    bool gone_ = false;
    std::vector<std::uint16_t> held_; // Delivery::Never: no answer until task management names them
    std::priority_queue<Pending, std::vector<Pending>, std::greater<>> pending_;
    std::vector<std::uint8_t> bounce_; // for commands whose buffers are scattered
    DeviceStats stats_;
};

} // namespace spindle::tcmu

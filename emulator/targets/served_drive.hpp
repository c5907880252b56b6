#pragma once
// A drive as the targets share it: one mutex around the Drive, so that a target's serving
// thread (TCMU, CUSE) and the control filesystem (a person at a shell) never touch it at once.
// Also what the targets count (stats) and what a person did to the drive (control events),
// which the control filesystem shows next to the fault engine's command log.
#include "emulator/drive/drive.hpp"

#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace spindle {

struct DriveStats {
    std::uint64_t commands = 0;
    std::uint64_t good = 0;
    std::uint64_t check_conditions = 0;
    std::uint64_t other_status = 0; // BUSY, RESERVATION CONFLICT
    std::uint64_t data_in_bytes = 0;
    std::uint64_t data_out_bytes = 0;
    std::array<std::uint64_t, 256> per_opcode{};
};

// Something done to the drive outside the initiator's view: "tray open", "medium load blank dvd+r".
struct ControlEvent {
    std::uint64_t id = 0;             // 1, 2, ... in the order they happened
    std::uint64_t before_command = 0; // the command log sequence number that came next
    DriveTime time{0};
    std::string what;
};

class ServedDrive {
public:
    ServedDrive(std::string name, std::unique_ptr<Drive> drive);
    ServedDrive(const ServedDrive&) = delete;
    ServedDrive& operator=(const ServedDrive&) = delete;

    const std::string& name() const { return name_; }
    // The drive's clock; RealClock is safe to read from any thread.
    Clock& clock() { return clock_; }

    // Runs a command from an initiator, counting it.
    Completion execute(const Command& cmd);

    // Runs `f(Drive&)` with the drive locked: how the control side reads and changes it. Time
    // has passed first (Drive::catch_up): what was due has happened, command or not.
    template <class F>
    auto with(F&& f) {
        std::lock_guard lock(mutex_);
        drive_->catch_up();
        return f(*drive_);
    }
    // Records a control event (call with the drive unlocked).
    void note(std::string what);

    DriveStats stats() const;
    std::uint64_t event_count() const;
    // Events with id > after (at most the newest `capacity`).
    std::vector<ControlEvent> events_after(std::uint64_t after) const;

    // Called (from the thread that changed the drive, with nothing locked) after each command
    // and control event. Listeners must be quick: they wake a loop, no more.
    using Listener = std::function<void()>;
    void set_listener(Listener listener);

    static constexpr std::size_t event_capacity = 1024;

private:
    void changed();

    std::string name_;
    std::unique_ptr<Drive> drive_;
    Clock& clock_;
    mutable std::mutex mutex_;
    DriveStats stats_;
    std::deque<ControlEvent> events_;
    std::uint64_t next_event_ = 1;
    mutable std::mutex listener_mutex_;
    Listener listener_;
};

} // namespace spindle

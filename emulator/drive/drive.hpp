#pragma once
// A software MMC drive. One value per drive: no globals, so a process may run many.
#include "emulator/drive/command.hpp"
#include "emulator/drive/drive_state.hpp"
#include "emulator/faults/fault_engine.hpp"
#include "emulator/media/sparse_image_store.hpp"

#include <filesystem>
#include <memory>

namespace spindle {

struct DriveOptions {
    // Where the drive keeps what survives a restart (saved mode pages). Empty: nothing is kept.
    std::filesystem::path state_dir;
    // Fast (the default): completions are ready at once. RealTime: WRITE completions carry the
    // busy_until of a real drive at the selected speed (drive/commands/write_timing.hpp).
    TimingMode timing = TimingMode::Fast;
    // Held as long as the drive lives (media/checked_files.hpp lock_state_dir): no other drive,
    // in this process or another, keeps its pages in `state_dir` meanwhile. Null: none taken.
    std::shared_ptr<const FileDescriptor> state_dir_lock = nullptr;
};

class Drive {
public:
    Drive(DriveProfile profile, Clock& clock, DriveOptions options = {});

    // Never throws for anything an initiator can send. The fault engine is consulted before
    // and after the command table's dispatch; no handler knows faults exist.
    Completion execute(const Command& cmd);

    // The physical world: what a person (or a control interface) does to the drive.
    // The eject button: opens the tray, or, while removal is prevented, only posts an eject
    // request event for the host. Returns whether the tray opened.
    bool press_eject();
    void open_tray();  // unconditionally, as a paper clip does
    void close_tray(); // closing on a disc starts loading it
    // Puts a disc in: on an open tray it waits there; a closed drive loads it at once.
    void insert(std::unique_ptr<Medium> medium);
    // Takes the disc off the open tray (nullptr when there is none or the tray is closed).
    std::unique_ptr<Medium> take_medium();
    // Convenience: open, insert, close.
    void load(std::unique_ptr<Medium> medium);
    void set_condition(MediumCondition kind, Duration duration = Duration{0},
                       std::optional<scsi::SenseData> sense = std::nullopt);

    // Time passes: what was due by now has happened (transitions.hpp run_due). execute() does
    // this first; whoever reads the drive between commands (a control file) does it too.
    void catch_up();
    // When something next happens by itself (a timed change, a load ending), if anything will.
    std::optional<DriveTime> next_due() const;
    // A state change at `event.at` on the drive's clock, for `event.duration` (0: until changed).
    void schedule(const faults::TimedEvent& event);
    // A fault scenario: its rules and seed to the fault engine, its timed events to the schedule.
    void load_scenario(const faults::Scenario& scenario);
    // Removes the fault rules and the changes not yet begun; a change under way still ends.
    void clear_faults();

    const DriveState& state() const { return state_; }
    const DriveProfile& profile() const { return state_.profile; }
    Clock& clock() { return state_.clock; }
    // Live control of faults: rules and the command log.
    faults::FaultEngine& faults() { return faults_; }
    const faults::FaultEngine& faults() const { return faults_; }

private:
    Completion dispatch(const Command& cmd);

    std::shared_ptr<const FileDescriptor> state_dir_lock_;
    DriveState state_;
    faults::FaultEngine faults_;
};

} // namespace spindle

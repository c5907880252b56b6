#pragma once
// Transitions of the mechanism and the medium: tray, loading, readiness, spindle motor and
// power state. Called by the Drive's physical-world API and by START STOP UNIT alike, so both
// post the same events and unit attentions.
#include "emulator/drive/drive_state.hpp"

namespace spindle::transitions {

// A format, long write or other long operation the host started is still running on the
// loaded medium (GESN device busy and operational status, MECHANISM STATUS state).
bool long_operation_running(const DriveState& s);
// Conditions that end by themselves at ConditionState::until (becoming ready, format in
// progress, long write, operation in progress); the others last until something changes them.
bool ends_by_itself(MediumCondition kind);
// Ends the condition when its time has come (becoming ready -> ready, ...).
void refresh(DriveState& s);
// Time passes: every scheduled change and every condition end whose time has come runs, in
// time order, each at its own time (DriveState::now); what one starts may be due as well.
// Commands and control readers call it first, so nothing waits for an initiator to happen.
void run_due(DriveState& s);
// MMC-6 6.7.2 Operational Change class: when the current profile or a feature's Current bit
// differs from what was last noted (a disc loaded, removed or turned out unusable, a format or
// blank that changes the medium's profile), posts Operational Change Occurred with the report
// Feature Change, which tells a polling host to read GET CONFIGURATION again. run_due calls it
// last, so every command and control read sees the change before it answers.
void note_feature_change(DriveState& s);
// When something next happens by itself, if anything will.
std::optional<DriveTime> next_due(const DriveState& s);
// A state change now, for `duration` (0: until something changes it); a timed one posts its
// own end. A change of the medium's condition needs a medium; one already gone is not taken.
void change_state(DriveState& s, StateKind kind, Duration duration);
// Posts a change for `at` (run_due runs it).
void schedule(DriveState& s, ScheduledChange change);
// The tray opens (a disc on it stays there); posts Media Removal when a disc was loaded.
void open_tray(DriveState& s);
void close_tray(DriveState& s);
// A disc was placed in a closed drive (or the tray closed on one): it spins up and becomes
// ready after the profile's becoming-ready time; then 6/28/00 and a New Media event follow,
// and a disc of an MMC profile the drive does not list turns out incompatible (2/30/00).
void begin_load(DriveState& s);
// Sets a condition of the loaded medium. Ending a load as upside down or incompatible still
// reports the disc's arrival (6/28/00, New Media): the drive did find a disc.
void set_condition(DriveState& s, MediumCondition kind, Duration duration,
                   std::optional<scsi::SenseData> sense = std::nullopt);
// The spindle motor: START STOP UNIT Start=0 stops the disc; Start=1, or a command that
// needs the medium, spins it up again, waking a drive in standby or sleep to active.
void stop(DriveState& s);
void spin_up(DriveState& s);
// A power condition change by START STOP UNIT: posts a Power Change Successful event when
// the state changes. Standby and Sleep stop the disc; Active spins it up.
void set_power(DriveState& s, PowerStatus status);

} // namespace spindle::transitions

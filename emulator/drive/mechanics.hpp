#pragma once
// Transitions of the mechanism and the medium: tray, loading, readiness. Called by the Drive's
// physical-world API and by START STOP UNIT alike, so both post the same events and unit
// attentions.
#include "emulator/drive/drive_state.hpp"

namespace spindle::mechanics {

// Ends timed conditions whose time has come (becoming ready -> ready, ...).
void refresh(DriveState& s);
void open_tray(DriveState& s);
void close_tray(DriveState& s);
// A disc was placed in a closed drive (or the tray closed on one): it spins up and becomes ready.
void begin_load(DriveState& s);
void set_condition(DriveState& s, MediumCondition kind, Duration duration,
                   std::optional<scsi::SenseData> sense = std::nullopt);

} // namespace spindle::mechanics

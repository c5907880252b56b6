#include "emulator/drive/mechanics.hpp"

namespace spindle::mechanics {

namespace asc = scsi::asc;

namespace {
bool is_timed(MediumCondition k) {
    return k == MediumCondition::BecomingReady || k == MediumCondition::FormatInProgress ||
           k == MediumCondition::LongWrite || k == MediumCondition::OperationInProgress;
}

void become_ready(DriveState& s) {
    const bool was_loading = s.condition.kind == MediumCondition::BecomingReady;
    s.condition = ConditionState{};
    if (was_loading) {
        s.unit_attentions.push_back(asc::medium_may_have_changed);
        s.events.media.push_back(event_code::media_new_media);
    }
}
} // namespace

void refresh(DriveState& s) {
    if (is_timed(s.condition.kind) && s.clock.now() >= s.condition.until) become_ready(s);
}

void open_tray(DriveState& s) {
    if (s.tray_open) return;
    s.tray_open = true;
    s.stopped = false;
    if (s.medium) s.events.media.push_back(event_code::media_removal);
    s.condition = ConditionState{};
}

void close_tray(DriveState& s) {
    if (!s.tray_open) return;
    s.tray_open = false;
    if (s.medium) begin_load(s);
}

void begin_load(DriveState& s) {
    const auto now = s.clock.now();
    s.stopped = false;
    s.condition = ConditionState{MediumCondition::BecomingReady, now, now + s.profile.timings.becoming_ready, {}};
    refresh(s);
}

void set_condition(DriveState& s, MediumCondition kind, Duration duration, std::optional<scsi::SenseData> sense) {
    const auto now = s.clock.now();
    s.condition = ConditionState{kind, now, now + duration, std::move(sense)};
    refresh(s);
}

} // namespace spindle::mechanics

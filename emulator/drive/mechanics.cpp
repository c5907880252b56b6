#include "emulator/drive/mechanics.hpp"

#include <algorithm>

namespace spindle::mechanics {

namespace asc = scsi::asc;

bool ends_by_itself(MediumCondition k) {
    return k == MediumCondition::BecomingReady || k == MediumCondition::FormatInProgress ||
           k == MediumCondition::LongWrite || k == MediumCondition::OperationInProgress;
}

namespace {

// The drive has found the disc it was loading: the host learns of it once.
void announce_new_medium(DriveState& s) {
    s.unit_attentions.push_back(asc::medium_may_have_changed);
    s.events.post_media(event_code::media_new_media);
}

bool profile_supported(const DriveState& s) {
    const auto& list = s.profile.profiles;
    return list.empty() || std::find(list.begin(), list.end(), s.medium->disc.type().profile) != list.end();
}

void become_ready(DriveState& s) {
    const bool was_loading = s.condition.kind == MediumCondition::BecomingReady;
    s.condition = ConditionState{};
    if (!was_loading) return;
    announce_new_medium(s);
    if (s.medium && !profile_supported(s)) {
        const auto now = s.clock.now();
        s.condition = ConditionState{MediumCondition::Incompatible, now, now, {}};
    }
}
} // namespace

bool long_operation_running(const DriveState& s) {
    const auto k = s.condition.kind;
    return s.medium_present() && (k == MediumCondition::FormatInProgress || k == MediumCondition::LongWrite ||
                                  k == MediumCondition::OperationInProgress);
}

void refresh(DriveState& s) {
    if (ends_by_itself(s.condition.kind) && s.clock.now() >= s.condition.until) become_ready(s);
}

void open_tray(DriveState& s) {
    if (s.tray_open) return;
    s.tray_open = true;
    s.stopped = false;
    if (s.medium) s.events.post_media(event_code::media_removal);
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
    s.simulation.reset(); // a test write's shadow layout belongs to the disc it was taken of
    s.buffer.clear();     // nothing of an earlier disc's write is pending for this one
    s.head_lba = 0;
    s.condition = ConditionState{MediumCondition::BecomingReady, now, now + s.profile.timings.becoming_ready, {}};
    refresh(s);
}

void set_condition(DriveState& s, MediumCondition kind, Duration duration, std::optional<scsi::SenseData> sense) {
    const auto now = s.clock.now();
    const bool ends_load = s.condition.kind == MediumCondition::BecomingReady &&
                           (kind == MediumCondition::UpsideDown || kind == MediumCondition::Incompatible);
    s.condition = ConditionState{kind, now, now + duration, std::move(sense)};
    if (ends_load && s.medium_present()) announce_new_medium(s);
    refresh(s);
}

void stop(DriveState& s) {
    if (s.medium_present()) s.stopped = true;
}

namespace {
void change_power(DriveState& s, PowerStatus status) {
    if (s.events.power_status == status) return;
    s.events.power_status = status;
    s.events.post_power(event_code::power_change_succeeded);
}
} // namespace

void spin_up(DriveState& s) {
    s.stopped = false;
    if (s.events.power_status == PowerStatus::Standby || s.events.power_status == PowerStatus::Sleep)
        change_power(s, PowerStatus::Active);
}

void set_power(DriveState& s, PowerStatus status) {
    change_power(s, status);
    if (status == PowerStatus::Standby || status == PowerStatus::Sleep) stop(s);
    if (status == PowerStatus::Active) s.stopped = false;
}

} // namespace spindle::mechanics

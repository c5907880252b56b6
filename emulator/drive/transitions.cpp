#include "emulator/drive/transitions.hpp"

#include "emulator/drive/feature_currency.hpp"

#include <algorithm>
#include <optional>

namespace spindle::transitions {

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
        const auto now = s.now();
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
    if (ends_by_itself(s.condition.kind) && s.now() >= s.condition.until) become_ready(s);
}

void open_tray(DriveState& s) {
    if (s.tray_open) return;
    s.tray_open = true;
    s.stopped = false;
    if (s.medium) s.events.post_media(event_code::media_removal);
    s.condition = ConditionState{};
    s.audio = AudioPlay{};
}

void close_tray(DriveState& s) {
    if (!s.tray_open) return;
    s.tray_open = false;
    if (s.medium) begin_load(s);
}

void begin_load(DriveState& s) {
    const auto now = s.now();
    s.stopped = false;
    s.simulation.reset(); // a test write's shadow layout belongs to the disc it was taken of
    s.buffer.clear();     // nothing of an earlier disc's write is pending for this one
    s.head_lba = 0;
    s.audio = AudioPlay{};
    s.condition = ConditionState{MediumCondition::BecomingReady, now, now + s.profile.timings.becoming_ready, {}};
    refresh(s);
}

void set_condition(DriveState& s, MediumCondition kind, Duration duration, std::optional<scsi::SenseData> sense) {
    const auto now = s.now();
    const bool ends_load = s.condition.kind == MediumCondition::BecomingReady &&
                           (kind == MediumCondition::UpsideDown || kind == MediumCondition::Incompatible);
    const DriveTime until = duration == forever ? DriveTime::max() : now + duration;
    s.condition = ConditionState{kind, now, until, std::move(sense)};
    if (ends_load && s.medium_present()) announce_new_medium(s);
    refresh(s);
}

void stop(DriveState& s) {
    audio::stop(s);
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

namespace {

std::optional<MediumCondition> medium_condition_for(StateKind k) {
    switch (k) {
    case StateKind::BecomingReady: return MediumCondition::BecomingReady;
    case StateKind::FormatInProgress: return MediumCondition::FormatInProgress;
    case StateKind::LongWrite: return MediumCondition::LongWrite;
    case StateKind::Busy: return MediumCondition::OperationInProgress;
    case StateKind::UpsideDown: return MediumCondition::UpsideDown;
    case StateKind::Incompatible: return MediumCondition::Incompatible;
    default: return std::nullopt;
    }
}

// A change made for a while ends: what it took away comes back.
void end_state(DriveState& s, StateKind kind) {
    switch (kind) {
    case StateKind::NoMedium:
        if (!s.removed_medium) return;
        s.medium = std::move(s.removed_medium);
        if (!s.tray_open) begin_load(s);
        return;
    case StateKind::TrayOpen: close_tray(s); return;
    case StateKind::UpsideDown:
    case StateKind::Incompatible:
        if (s.medium_present() && s.condition.kind == medium_condition_for(kind)) begin_load(s);
        return;
    default: return;
    }
}

} // namespace

void schedule(DriveState& s, ScheduledChange change) { s.schedule.push_back(change); }

void change_state(DriveState& s, StateKind kind, Duration duration) {
    const auto now = s.now();
    const bool timed = duration.count() > 0;
    if (auto mc = medium_condition_for(kind)) {
        if (!s.medium_present()) return; // a condition of the medium needs one
        if (ends_by_itself(*mc)) return set_condition(s, *mc, timed ? duration : forever);
        set_condition(s, *mc, Duration{0});
        if (timed) schedule(s, ScheduledChange{now + duration, kind, {}, true});
        return;
    }
    switch (kind) {
    case StateKind::NoMedium:
        if (!s.medium || s.removed_medium) return;
        if (!s.tray_open) s.events.post_media(event_code::media_removal);
        s.removed_medium = std::move(s.medium);
        s.condition = ConditionState{};
        s.audio = AudioPlay{};
        break;
    case StateKind::TrayOpen: open_tray(s); break;
    case StateKind::Locked: s.reserved_until = timed ? now + duration : DriveTime::max(); return;
    default: return;
    }
    if (timed) schedule(s, ScheduledChange{now + duration, kind, {}, true});
}

std::optional<DriveTime> next_due(const DriveState& s) {
    std::optional<DriveTime> next;
    for (const auto& c : s.schedule)
        if (!next || c.at < *next) next = c.at;
    if (s.medium_present() && ends_by_itself(s.condition.kind) && s.condition.until != DriveTime::max() &&
        (!next || s.condition.until < *next))
        next = s.condition.until;
    return next;
}

void run_due(DriveState& s) {
    const auto now = s.clock.now();
    for (;;) {
        const auto due = next_due(s);
        if (!due || *due > now) break;
        s.running_at = *due;
        const auto change = std::ranges::find(s.schedule, *due, &ScheduledChange::at);
        if (change == s.schedule.end()) {
            refresh(s);
            continue;
        }
        const ScheduledChange c = *change;
        s.schedule.erase(change);
        if (c.restore)
            end_state(s, c.kind);
        else
            change_state(s, c.kind, c.duration);
    }
    s.running_at.reset();
    note_feature_change(s);
}

namespace {
// The current profile, then the code of every feature whose Current bit is set, as GET
// CONFIGURATION reports them (commands/configuration.cpp).
std::vector<std::uint16_t> current_features(const DriveState& s) {
    const auto profile = s.current_profile();
    const MediumInDrive medium{profile, profile != 0 ? &s.medium->disc : nullptr};
    std::vector<std::uint16_t> out{profile};
    for (const auto& f : s.profile.features)
        if (feature_current(f, medium)) out.push_back(f.code);
    return out;
}
} // namespace

void note_feature_change(DriveState& s) {
    // Currency follows the profile, the disc, whether it is formatted and whether anything is
    // recorded on it (feature_currency.cpp): unless one of those changed, nothing did.
    const auto profile = s.current_profile();
    const Disc* disc = profile != 0 ? &s.medium->disc : nullptr;
    const DriveState::FeatureInputs inputs{profile, s.medium.get(), disc != nullptr && disc->formatted,
                                           disc != nullptr && disc->last_recorded_lba().has_value()};
    if (s.noted_feature_inputs == inputs) return;
    s.noted_feature_inputs = inputs;
    auto now = current_features(s);
    if (s.noted_features && *s.noted_features != now)
        s.events.post_operational(OperationalEvent{event_code::op_change_occurred, operational_report::feature_change});
    s.noted_features = std::move(now);
}

} // namespace spindle::transitions

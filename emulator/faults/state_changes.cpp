// Timed state changes: a rule's `state:` action or a scenario's events. They act on the
// drive's state through the same mechanics the physical-world API uses, so events, unit
// attentions and GET EVENT STATUS NOTIFICATION follow as for a person at the drive.
#include "emulator/drive/mechanics.hpp"
#include "emulator/faults/fault_engine.hpp"

#include <algorithm>

namespace spindle::faults {

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

// Conditions the drive ends by itself when their time is up (mechanics::refresh).
bool self_ending(StateKind k) {
    return k == StateKind::BecomingReady || k == StateKind::FormatInProgress || k == StateKind::LongWrite ||
           k == StateKind::Busy;
}
} // namespace

void FaultEngine::run_due(DriveState& s) {
    const auto now = s.clock.now();
    // In time order; an event may schedule its own end, which may be due as well.
    for (;;) {
        auto due = std::ranges::min_element(pending_, {}, &Pending::at);
        if (due == pending_.end() || due->at > now) return;
        const Pending p = *due;
        pending_.erase(due);
        if (p.restore)
            end_state(s, p.state);
        else
            change_state(s, p.state, p.duration);
    }
}

void FaultEngine::change_state(DriveState& s, StateKind kind, Duration duration) {
    const auto now = s.clock.now();
    const bool timed = duration.count() > 0;
    if (auto mc = medium_condition_for(kind)) {
        if (!s.medium_present()) return; // a condition of the medium needs one
        // A timed condition with no end would never end by itself: one day is "forever" here.
        const Duration span = timed ? duration : std::chrono::hours(24);
        mechanics::set_condition(s, *mc, self_ending(kind) ? span : Duration{0});
        if (timed && !self_ending(kind)) pending_.push_back(Pending{now + duration, true, kind, {}});
        return;
    }
    switch (kind) {
    case StateKind::NoMedium:
        if (!s.medium || stashed_) return;
        if (!s.tray_open) s.events.post_media(event_code::media_removal);
        stashed_ = std::move(s.medium);
        s.condition = ConditionState{};
        break;
    case StateKind::TrayOpen: mechanics::open_tray(s); break;
    case StateKind::Locked: locked_until_ = timed ? now + duration : DriveTime::max(); return;
    default: return;
    }
    if (timed) pending_.push_back(Pending{now + duration, true, kind, {}});
}

void FaultEngine::end_state(DriveState& s, StateKind kind) {
    switch (kind) {
    case StateKind::NoMedium:
        if (!stashed_) return;
        s.medium = std::move(stashed_);
        if (!s.tray_open) mechanics::begin_load(s);
        return;
    case StateKind::TrayOpen: mechanics::close_tray(s); return;
    case StateKind::UpsideDown:
    case StateKind::Incompatible:
        if (s.medium_present() && s.condition.kind == medium_condition_for(kind)) mechanics::begin_load(s);
        return;
    default: return;
    }
}

bool FaultEngine::reserved(const DriveState& s) const { return locked_until_ && s.clock.now() < *locked_until_; }

} // namespace spindle::faults

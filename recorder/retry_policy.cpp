#include "recorder/retry_policy.hpp"

#include <algorithm>

namespace spindle::recorder {

namespace {
using scsi::SenseKey;
namespace asc = scsi::asc;
} // namespace

RetryDecision RetryPolicy::wait(std::chrono::milliseconds interval, std::chrono::milliseconds total) {
    if (busy_waited_ + interval > total) return {};
    busy_waited_ += interval;
    waited_ += interval;
    return {RetryDecision::Kind::RetryAfter, interval};
}

RetryDecision RetryPolicy::on_sense(const scsi::SenseData& sense) {
    if (sense.matches(SenseKey::UnitAttention)) {
        const bool again = std::ranges::any_of(unit_attentions_seen_,
                                               [&](const scsi::SenseData& seen) { return seen.same_code(sense); });
        if (again || static_cast<int>(unit_attentions_seen_.size()) >= limits_.unit_attentions) return {};
        unit_attentions_seen_.push_back(sense);
        return {RetryDecision::Kind::RetryNow, {}};
    }
    if (sense.matches(SenseKey::NotReady, asc::becoming_ready)) {
        if (becoming_ready_tries_ >= limits_.becoming_ready_attempts) return {};
        ++becoming_ready_tries_;
        waited_ += limits_.becoming_ready_interval;
        return {RetryDecision::Kind::RetryAfter, limits_.becoming_ready_interval};
    }
    // Cause not reportable: spinning up, or nothing there.
    if (sense.matches(SenseKey::NotReady, asc::not_ready_cause_not_reportable))
        return wait(limits_.becoming_ready_interval / 4, limits_.not_reportable_total);
    if (sense.matches(SenseKey::NotReady, asc::operation_in_progress) ||
        sense.matches(SenseKey::NotReady, asc::long_write_in_progress))
        return wait(limits_.busy_interval, limits_.busy_total);
    return {}; // 04/04 format in progress and the rest: fail fast (WinCDROM)
}

RetryDecision RetryPolicy::on_busy() { return wait(limits_.busy_interval, limits_.busy_total); }

} // namespace spindle::recorder

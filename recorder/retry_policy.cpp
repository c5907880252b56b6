#include "recorder/retry_policy.hpp"

#include <algorithm>

namespace spindle::recorder {

namespace {
constexpr std::uint8_t not_ready = 0x2, unit_attention = 0x6;
constexpr std::uint8_t asc_not_ready = 0x04;
} // namespace

RetryDecision RetryPolicy::wait(std::chrono::milliseconds interval, std::chrono::milliseconds total) {
    if (busy_waited_ + interval > total) return {};
    busy_waited_ += interval;
    waited_ += interval;
    return {RetryDecision::Kind::RetryAfter, interval};
}

RetryDecision RetryPolicy::on_sense(SenseCode code) {
    if (code.key == unit_attention) {
        const bool again = std::ranges::find(unit_attentions_seen_, code) != unit_attentions_seen_.end();
        if (again || static_cast<int>(unit_attentions_seen_.size()) >= limits_.unit_attentions) return {};
        unit_attentions_seen_.push_back(code);
        return {RetryDecision::Kind::RetryNow, {}};
    }
    if (code.key != not_ready || code.asc != asc_not_ready) return {};
    switch (code.ascq) {
    case 0x01: // becoming ready
        if (becoming_ready_tries_ >= limits_.becoming_ready_attempts) return {};
        ++becoming_ready_tries_;
        waited_ += limits_.becoming_ready_interval;
        return {RetryDecision::Kind::RetryAfter, limits_.becoming_ready_interval};
    case 0x00: // cause not reportable: spinning up, or nothing there
        return wait(limits_.becoming_ready_interval / 4, limits_.not_reportable_total);
    case 0x07: // operation in progress
    case 0x08: // long write in progress
        return wait(limits_.busy_interval, limits_.busy_total);
    default: return {}; // 04/04 format in progress and the rest: fail fast (WinCDROM)
    }
}

RetryDecision RetryPolicy::on_busy() { return wait(limits_.busy_interval, limits_.busy_total); }

} // namespace spindle::recorder

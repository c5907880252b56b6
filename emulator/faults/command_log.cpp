#include "emulator/faults/command_log.hpp"

#include "emulator/faults/fault_rule.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace spindle::faults {

namespace {
std::string_view status_name(ScsiStatus s) {
    switch (s) {
    case ScsiStatus::Good: return "GOOD";
    case ScsiStatus::CheckCondition: return "CHECK CONDITION";
    case ScsiStatus::Busy: return "BUSY";
    case ScsiStatus::ReservationConflict: return "RESERVATION CONFLICT";
    }
    return "?";
}
} // namespace

std::string to_string(const LogEntry& e) {
    std::string cdb;
    for (std::size_t i = 0; i < e.cdb_length; ++i) cdb += fmt::format("{}{:02X}", i ? " " : "", e.cdb[i]);
    std::string out = fmt::format("#{} {:.6f}s {}", e.sequence, std::chrono::duration<double>(e.time).count(), cdb);
    if (e.delivery == Delivery::Never)
        out += " -> no answer";
    else if (e.delivery == Delivery::DeviceGone)
        out += " -> device gone";
    else {
        out += fmt::format(" -> {}", status_name(e.status));
        if (e.status == ScsiStatus::CheckCondition)
            out += " " + sense_text(static_cast<scsi::SenseKey>(e.sense_key), e.asc, e.ascq);
    }
    out += fmt::format(" in={} out={}", e.data_in, e.data_out);
    if (e.busy_until > e.time) out += fmt::format(" after={}", duration_text(e.busy_until - e.time));
    if (!e.rules.empty()) {
        out += " rules=";
        for (std::size_t i = 0; i < e.rules.size(); ++i) out += fmt::format("{}{}", i ? "," : "", e.rules[i]);
    }
    return out;
}

void CommandLog::push(LogEntry e) {
    ++total_;
    entries_.push_back(std::move(e));
    while (entries_.size() > capacity_) entries_.pop_front();
}

void CommandLog::set_capacity(std::size_t capacity) {
    capacity_ = std::max<std::size_t>(capacity, 1);
    while (entries_.size() > capacity_) entries_.pop_front();
}

} // namespace spindle::faults

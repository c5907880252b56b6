#include "emulator/targets/served_drive.hpp"

namespace spindle {

ServedDrive::ServedDrive(std::string name, std::unique_ptr<Drive> drive)
    : name_(std::move(name)), drive_(std::move(drive)), clock_(drive_->clock()) {}

Completion ServedDrive::execute(const Command& cmd) {
    Completion c;
    {
        std::lock_guard lock(mutex_);
        c = drive_->execute(cmd);
        ++stats_.commands;
        if (!cmd.cdb.empty()) ++stats_.per_opcode[cmd.cdb[0]];
        switch (c.status) {
        case ScsiStatus::Good: ++stats_.good; break;
        case ScsiStatus::CheckCondition: ++stats_.check_conditions; break;
        default: ++stats_.other_status; break;
        }
        stats_.data_in_bytes += std::min(c.data_in_length, cmd.data_in.size());
        stats_.data_out_bytes += cmd.data_out.size();
    }
    changed();
    return c;
}

void ServedDrive::note(std::string what) {
    {
        std::lock_guard lock(mutex_);
        ControlEvent e;
        e.id = next_event_++;
        e.before_command = drive_->faults().log().next_sequence();
        e.time = drive_->clock().now();
        e.what = std::move(what);
        events_.push_back(std::move(e));
        while (events_.size() > event_capacity) events_.pop_front();
    }
    changed();
}

DriveStats ServedDrive::stats() const {
    std::lock_guard lock(mutex_);
    return stats_;
}

std::uint64_t ServedDrive::event_count() const {
    std::lock_guard lock(mutex_);
    return next_event_ - 1;
}

std::vector<ControlEvent> ServedDrive::events_after(std::uint64_t after) const {
    std::lock_guard lock(mutex_);
    std::vector<ControlEvent> out;
    for (const auto& e : events_)
        if (e.id > after) out.push_back(e);
    return out;
}

void ServedDrive::set_listener(Listener listener) {
    std::lock_guard lock(listener_mutex_);
    listener_ = std::move(listener);
}

void ServedDrive::changed() {
    std::lock_guard lock(listener_mutex_);
    if (listener_) listener_();
}

} // namespace spindle

#include "emulator/timing/buffer_model.hpp"

#include "emulator/timing/transfer_rate.hpp"

#include <algorithm>

namespace spindle::timing {

namespace {
DriveTime later(DriveTime t, Duration d) { return d >= DriveTime::max() - t ? DriveTime::max() : t + d; }
} // namespace

std::uint32_t BufferModel::used_bytes(DriveTime now) const {
    if (now <= since_) return static_cast<std::uint32_t>(used_);
    const std::uint64_t drained = bytes_in(now - since_, rate_);
    return static_cast<std::uint32_t>(drained >= used_ ? 0 : used_ - drained);
}

DriveTime BufferModel::empty_at() const { return later(since_, ticks_for_bytes(used_, rate_)); }

void BufferModel::settle(DriveTime now) {
    if (now <= since_) return;
    const std::uint64_t drained = bytes_in(now - since_, rate_);
    if (drained >= used_) {
        used_ = 0;
        since_ = now;
        return;
    }
    // Advance by exactly the time the drained bytes took, so no fraction of a byte is lost
    // between updates (ticks_for_bytes rounds up, bytes_in down: never past `now`).
    used_ -= drained;
    since_ += ticks_for_bytes(drained, rate_);
}

void BufferModel::set_rate(DriveTime now, std::uint64_t bytes_per_second) {
    if (bytes_per_second == rate_) return;
    settle(now);
    if (now > since_) since_ = now; // the leftover fraction of a byte drained at the old rate
    rate_ = bytes_per_second;
}

DriveTime BufferModel::fill(DriveTime now, std::uint64_t bytes) {
    settle(now);
    const DriveTime start = std::max(now, since_);
    if (used_ == 0) since_ = start;
    streaming_ = true;
    used_ += bytes;
    if (used_ <= capacity_) return start;
    const std::uint64_t excess = used_ - capacity_;
    used_ = capacity_;
    // The excess goes in as the disc takes data: the buffer is full when the command ends.
    const DriveTime done = rate_ == 0 ? start : later(start, ticks_for_bytes(excess, rate_));
    since_ = done;
    return done;
}

DriveTime BufferModel::flush(DriveTime now) {
    settle(now);
    const DriveTime done = std::max(now, empty_at());
    used_ = 0;
    since_ = done == DriveTime::max() ? now : done;
    streaming_ = false;
    return done;
}

void BufferModel::clear() {
    used_ = 0;
    streaming_ = false;
}

} // namespace spindle::timing

#pragma once
// The drive's write buffer: data accepted from the host and not yet on the disc. It fills with
// WRITE data and drains onto the disc at the write speed, over the drive clock's time. Every
// query takes the time it is asked at, so the model is a pure function of what was put in and
// when: under a VirtualClock nothing drains until a test advances the clock.
#include "emulator/timing/clock.hpp"

#include <cstdint>

namespace spindle::timing {

class BufferModel {
public:
    explicit BufferModel(std::uint32_t capacity_bytes = 0) : capacity_(capacity_bytes) {}

    std::uint32_t capacity_bytes() const { return capacity_; }
    // Bytes still waiting for the disc at `now`.
    std::uint32_t used_bytes(DriveTime now) const;
    std::uint32_t available_bytes(DriveTime now) const { return capacity_ - used_bytes(now); }
    std::uint64_t drain_rate() const { return rate_; } // bytes per second
    // When the buffer runs (or ran) dry if nothing more arrives; DriveTime::max() when it does
    // not drain at all (rate 0 with data in it).
    DriveTime empty_at() const;
    // Data arrived since the last flush or clear: a track is being written.
    bool streaming() const { return streaming_; }

    // The disc takes data at `bytes_per_second` from `now` on (what drained before `now`
    // drained at the previous rate).
    void set_rate(DriveTime now, std::uint64_t bytes_per_second);
    // Accepts `bytes` at `now` and returns when the last of them is in the buffer: `now` when
    // they fit, later when part of the buffer must drain first. A buffer fed faster than it
    // drains is full from then on.
    DriveTime fill(DriveTime now, std::uint64_t bytes);
    // Writes out everything (SYNCHRONIZE CACHE, CLOSE TRACK): returns when the buffer is empty.
    // Streaming ends: the next WRITE starts a new run.
    DriveTime flush(DriveTime now);
    // Drops the contents (eject, loss of streaming); streaming ends.
    void clear();

private:
    // Applies the drain up to `now` (nothing when `now` is before the last change).
    void settle(DriveTime now);

    std::uint32_t capacity_;
    std::uint64_t used_ = 0; // at since_
    DriveTime since_{0};
    std::uint64_t rate_ = 0;
    bool streaming_ = false;
};

} // namespace spindle::timing

#pragma once
// The drive's notion of time. Time is a value: handlers compute when something happens and
// never sleep. Tests use VirtualClock and advance it; targets use RealClock.
#include <chrono>
#include <cstdint>

namespace spindle {

using Duration = std::chrono::nanoseconds;
// A point on a drive's clock, counted from that clock's epoch.
using DriveTime = std::chrono::nanoseconds;

class Clock {
public:
    virtual ~Clock() = default;
    virtual DriveTime now() const = 0;
};

class VirtualClock final : public Clock {
public:
    DriveTime now() const override { return now_; }
    void advance(Duration d) { now_ += d; }
    void set(DriveTime t) { now_ = t; }

private:
    DriveTime now_{0};
};

class RealClock final : public Clock {
public:
    DriveTime now() const override {
        return std::chrono::duration_cast<DriveTime>(std::chrono::steady_clock::now() - epoch_);
    }

private:
    std::chrono::steady_clock::time_point epoch_ = std::chrono::steady_clock::now();
};

} // namespace spindle

namespace spindle {

// How a drive spends time on data. Fast: completions are ready at once (CI, unit tests); the
// buffer still fills and drains over the clock's time, so underruns stay deterministic.
// RealTime: a WRITE completes when a real drive at the selected speed would have taken its
// data (Completion::busy_until), so a target delivers it at that pace.
enum class TimingMode : std::uint8_t { Fast, RealTime };

} // namespace spindle

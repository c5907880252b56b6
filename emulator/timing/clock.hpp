#pragma once
// The drive's notion of time. Time is a value: handlers compute when something happens and
// never sleep. Tests use VirtualClock and advance it; targets use RealClock.
#include <chrono>

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

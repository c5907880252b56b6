#include "bridge/emulated_device.hpp"

#include <thread>

namespace spindle::recorder {
namespace {
std::unique_ptr<Clock> make_clock(ClockKind kind) {
    if (kind == ClockKind::Virtual) return std::make_unique<VirtualClock>();
    return std::make_unique<RealClock>();
}
} // namespace

EmulatedDevice::EmulatedDevice(DriveProfile profile, ClockKind clock_kind)
    : clock_(make_clock(clock_kind)), virtual_(dynamic_cast<VirtualClock*>(clock_.get())),
      drive_(std::move(profile), *clock_) {}

void EmulatedDevice::wait_until(DriveTime t) {
    const auto now = clock_->now();
    if (t <= now) return;
    if (virtual_ != nullptr)
        virtual_->set(t);
    else
        std::this_thread::sleep_for(t - now);
}

} // namespace spindle::recorder
